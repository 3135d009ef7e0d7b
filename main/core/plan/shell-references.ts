import { REFERENCE_SOURCE } from './reference-pattern';

/**
 * Fills step outputs into shell command text as data, never as code: each value is quoted for the
 * place it stands in (a word of its own, inside '…', inside "…"), so an output containing
 * `'; touch x; echo '` stays text. Where no quoting is safe (inside `…`, ${…}, $'…' or a here-document)
 * the step is refused rather than guessed at. The resolved command is classified again afterwards.
 */
const REFERENCE = new RegExp(REFERENCE_SOURCE, 'y');

type Context = 'plain' | 'single' | 'double' | 'substitution' | 'backtick' | 'brace' | 'ansi';

export class UnsafeReferenceError extends Error {}

/** `it's` → `'it'\''s'`: one shell word whatever the value holds. */
export const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export function substituteShellReferences(template: string, valueOf: (step: string, field: string) => unknown): string {
  const stack: Context[] = ['plain'];
  let out = '';
  let i = 0;
  let heredoc = false;
  const top = (): Context => stack[stack.length - 1]!;
  while (i < template.length) {
    REFERENCE.lastIndex = i;
    const reference = REFERENCE.exec(template);
    if (reference) {
      const where = heredoc ? 'a here-document' : ({ backtick: '`…`', brace: '${…}', ansi: "$'…'" } as Record<string, string>)[top()];
      if (where) throw new UnsafeReferenceError(`steps.${reference[1]}.output.${reference[2]} stands inside ${where}, where it cannot be inserted as plain data; put it in its own word, or inside '…' or "…"`);
      // Like $(…), the output's trailing newlines are dropped.
      const value = String(valueOf(reference[1]!, reference[2]!) ?? '').replace(/\n+$/, '');
      out += top() === 'single' ? value.replace(/'/g, `'\\''`) : top() === 'double' ? value.replace(/[\\"$`]/g, '\\$&') : shellQuote(value);
      i += reference[0].length;
      continue;
    }
    const c = template[i]!;
    const next = template[i + 1] ?? '';
    let take = 1;
    switch (top()) {
      case 'single':
        if (c === "'") stack.pop();
        break;
      case 'ansi':
        if (c === '\\') take = 2;
        else if (c === "'") stack.pop();
        break;
      case 'double':
        if (c === '\\') take = 2;
        else if (c === '"') stack.pop();
        else if (c === '$' && next === '(') { stack.push('substitution'); take = 2; }
        else if (c === '$' && next === '{') { stack.push('brace'); take = 2; }
        else if (c === '`') stack.push('backtick');
        break;
      case 'backtick':
        if (c === '\\') take = 2;
        else if (c === '`') stack.pop();
        break;
      case 'brace':
        if (c === '}') stack.pop();
        break;
      default:
        // plain text or the inside of $(…)
        if (c === '\\') take = 2;
        else if (c === "'") stack.push('single');
        else if (c === '"') stack.push('double');
        else if (c === '$' && next === "'") { stack.push('ansi'); take = 2; }
        else if (c === '$' && next === '(') { stack.push('substitution'); take = 2; }
        else if (c === '$' && next === '{') { stack.push('brace'); take = 2; }
        else if (c === '`') stack.push('backtick');
        else if (c === '(' && top() === 'substitution') stack.push('substitution');
        else if (c === ')' && top() === 'substitution') stack.pop();
        else if (c === '<' && next === '<') {
          // `<<<` is a here-string (one word); `<<` starts a here-document whose body expands $(…).
          take = template[i + 2] === '<' ? 3 : 2;
          heredoc ||= take === 2;
        }
    }
    out += template.slice(i, i + take);
    i += take;
  }
  return out;
}
