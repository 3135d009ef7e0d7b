/**
 * How well a typed word matches a text, or null when it does not: a substring scores most (more at
 * the start of a word, more the earlier), then the letters in order ("rgtst" in "reign-test"),
 * more when they are consecutive or start words. Case is ignored.
 */
export function fuzzyScore(word: string, text: string): number | null {
  const query = word.toLowerCase();
  const haystack = text.toLowerCase();
  if (!query) return 0;
  const at = haystack.indexOf(query);
  if (at >= 0) return 1_000 + (startsWord(haystack, at) ? 300 : 0) - Math.min(at, 100) * 2 - Math.min(haystack.length - query.length, 100);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const letter of query) {
    const found = haystack.indexOf(letter, from);
    if (found < 0) return null;
    score += (found === previous + 1 ? 12 : 1) + (startsWord(haystack, found) ? 10 : 0);
    previous = found;
    from = found + 1;
  }
  return score;
}

const startsWord = (text: string, index: number): boolean => index === 0 || /[^a-z0-9]/.test(text[index - 1]!);

/**
 * How well every typed word matches a thing by its name (letters in order, counted in full) or its
 * other words (a detail line, the kind: only as they are written, counted at a third, since letters
 * scattered over a long line match almost anything); null when a word matches neither.
 */
export function matchScore(query: string, name: string, other: string): number | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  let total = 0;
  for (const word of words) {
    const inName = fuzzyScore(word, name);
    const inOther = other.toLowerCase().includes(word.toLowerCase()) ? fuzzyScore(word, other) : null;
    if (inName === null && inOther === null) return null;
    total += Math.max(inName ?? -Infinity, (inOther ?? -Infinity) / 3);
  }
  return total;
}
