/**
 * Lower-case words of `text` joined by dashes: accents dropped, anything else that is not a letter
 * or a digit treated as a separator.
 */
export function slugify(text) {
  if (typeof text !== 'string') throw new TypeError(`slugify takes a string, not ${typeof text}`);
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
