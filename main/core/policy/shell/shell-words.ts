import type { SyntaxNode } from './bash-parser';

/** A word as the shell would see it: its literal value, or null when it is only known at run time. */
export interface ResolvedWord {
  readonly value: string | null;
  /** The value needed quotes, escapes or $'…' decoding to read (r''m, \r\m, $'\x72m'). */
  readonly disguised: boolean;
}

/**
 * Variables whose value the classifier may take as their name (`$HOME/x` is read as `$HOME/x`, which
 * the path rules know) because everyone's shell sets them; not when the command line assigns them.
 */
export const wellKnownVariables = /^(HOME|TMPDIR)$/;

/** Resolves a word node (word, string, raw_string, ansi_c_string, concatenation, expansions) to its value. */
export function resolveWord(node: SyntaxNode, trusted: ReadonlySet<string> = new Set()): ResolvedWord {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'command_name':
      if (node.type === 'command_name' && node.namedChildren.length === 1) return resolveWord(node.namedChildren[0]!, trusted);
      return unescapeWord(node.text);
    case 'raw_string':
      return { value: node.text.slice(1, -1), disguised: true };
    case 'string':
    case 'translated_string': {
      const parts = node.namedChildren;
      if (parts.some((part) => part.type !== 'string_content')) {
        // "$HOME/x": the well-known variables keep their names, anything else is run-time text.
        if (parts.every((part) => part.type === 'string_content' || trustedExpansion(part, trusted) !== null)) return { value: parts.map((part) => trustedExpansion(part, trusted) ?? part.text).join(''), disguised: false };
        return { value: null, disguised: true };
      }
      const inner = node.text.replace(/^\$?"/, '').replace(/"$/, '');
      return { value: inner.replace(/\\(["\\$`])/g, '$1').replace(/\\\n/g, ''), disguised: true };
    }
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), disguised: true };
    case 'concatenation': {
      let value = '';
      for (const part of node.namedChildren) {
        const resolved = resolveWord(part, trusted);
        if (resolved.value === null) return { value: null, disguised: true };
        value += resolved.value;
      }
      // `a""b` or `"r"m`: quotes inside a word exist only to hide what it says.
      const hasQuotes = node.namedChildren.some((part) => part.type !== 'word');
      return { value, disguised: hasQuotes };
    }
    case 'simple_expansion':
    case 'expansion':
      return { value: trustedExpansion(node, trusted), disguised: false };
    default:
      // command_substitution, arithmetic_expansion, process_substitution…
      return { value: null, disguised: false };
  }
}

/** `$TMPDIR`, `${TMPDIR}` and `${TMPDIR:-/tmp}` as the text `$TMPDIR`, for trusted variables only. */
function trustedExpansion(node: SyntaxNode, trusted: ReadonlySet<string>): string | null {
  const name = /^\$\{?([A-Za-z_]\w*)(:-[\w/.-]*)?\}?$/.exec(node.text);
  if (!name || !trusted.has(name[1]!)) return null;
  return `$${name[1]}`;
}

function unescapeWord(text: string): ResolvedWord {
  if (!text.includes('\\')) return { value: text, disguised: false };
  const value = text.replace(/\\(.)/gs, '$1');
  // A single leading backslash (`\rm`) only bypasses an alias; escapes inside the word disguise it.
  const aliasBypass = text.startsWith('\\') && !text.includes('\\', 1);
  return { value, disguised: !aliasBypass };
}

function decodeAnsiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (_match, escape: string) => {
    const head = escape[0]!;
    if (head === 'x' || head === 'u' || head === 'U') return String.fromCodePoint(parseInt(escape.slice(1), 16));
    if (/[0-7]/.test(head)) return String.fromCharCode(parseInt(escape, 8));
    if (head === 'c') return String.fromCharCode(escape.charCodeAt(1) & 0x1f);
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' } as Record<string, string>)[head] ?? head;
  });
}
