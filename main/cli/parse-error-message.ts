import type { ParseArgsOptionsConfig } from 'node:util';

/** What the command line was parsed against: the command (when one was named) and its options. */
export interface CommandGrammar {
  /** The command the user named (`doctor`, `serve`…), or undefined for a bare `reign …`. */
  readonly command: string | undefined;
  readonly options: ParseArgsOptionsConfig;
  /** Options that exist, but only for another command: option name → that command. */
  readonly elsewhere: Readonly<Record<string, string>>;
  /** The words typed after the command, when they are a command line of their own (`reign risk rm -rf /`). */
  readonly commandLine?: readonly string[];
}

/**
 * Turns one of Node's parseArgs errors into Reign's own two lines: what is wrong, in the user's
 * words, and where the options are listed. Null for an error parseArgs did not raise.
 */
export function parseErrorMessage(error: unknown, grammar: CommandGrammar): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  const who = grammar.command ? `reign ${grammar.command}` : 'reign';
  const footer = `Run '${who} --help' for the options.\n`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /Unknown option '([^']+)'/.exec(message)?.[1] ?? message;
    return `${who}: unknown option ${option}${unknownOptionHint(option, grammar)}\n${footer}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([\w-]+)/.exec(message)?.[1];
    if (!name) return `${who}: ${message}\n${footer}`;
    const takesValue = grammar.options[name]?.type === 'string';
    if (!takesValue) return `${who}: --${name} takes no value (write --${name} alone)\n${footer}`;
    if (/ambiguous/.test(message)) return `${who}: --${name} needs a value, and the next word starts with a dash (for a value that does, write --${name}=VALUE)\n${footer}`;
    return `${who}: --${name} needs a value (--${name} VALUE)\n${footer}`;
  }
  return null;
}

function unknownOptionHint(option: string, grammar: CommandGrammar): string {
  const name = option.replace(/^-+/, '').split('=')[0]!;
  if (option.startsWith('--') && grammar.elsewhere[name]) return ` (--${name} is an option of 'reign ${grammar.elsewhere[name]}')`;
  const suggestion = option.startsWith('--') ? nearestOption(name, Object.keys(grammar.options)) : undefined;
  if (suggestion) return ` (did you mean --${suggestion}?)`;
  if (grammar.commandLine && grammar.command) return `; to classify a command line, put it after --: reign ${grammar.command} -- ${grammar.commandLine.map(quoteForShell).join(' ')}`;
  return '';
}

const quoteForShell = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

/** The known option closest to a mistyped one: a prefix of it, or within two edits; undefined when none is close. */
function nearestOption(typed: string, known: readonly string[]): string | undefined {
  const prefixed = known.filter((candidate) => typed.length >= 3 && candidate.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate);
    if (distance <= Math.min(2, Math.floor((candidate.length - 1) / 2)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Edits between two words, a swap of neighbouring letters counting as one (`--prot` is one from `--port`). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
