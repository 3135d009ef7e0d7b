/**
 * The verb of a shell command (`kubectl get`, `git status`): its leading words. Shared by the policy
 * engine, which matches rules on it, and the approval UI, which offers it as a rule's scope.
 *
 * Deliberately much narrower than bash: a rule allowing `kubectl get` must not allow
 * `kubectl get pods; rm -rf ~`, so anything beyond plain words — separators, pipes, substitutions,
 * redirections, globs, comments, escapes, variables, a leading assignment — makes the command
 * "not simple", and a command that is not simple never matches a verb rule.
 */

/** One word of a simple command; `quoted` when any part of it was in quotes. */
export interface CommandWord {
  readonly text: string;
  readonly quoted: boolean;
}

/** Characters a word may hold outside quotes: none of them means anything to bash there. */
const PLAIN = /[A-Za-z0-9_\-./:=@,+%^~]/;
/** Inside double quotes `$`, `` ` `` and `\` still expand; `!` and `"` end or alter the string. */
const DOUBLE_QUOTED_UNSAFE = /[$`\\!"]/;

/** The words of a simple command, or null when the text is anything more than words (or empty). */
export function simpleCommandWords(command: string): CommandWord[] | null {
  const words: CommandWord[] = [];
  let text = '';
  let quoted = false;
  let inWord = false;
  const end = (): void => {
    if (inWord) words.push({ text, quoted });
    text = '';
    quoted = false;
    inWord = false;
  };
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    if (char === ' ' || char === '\t') {
      end();
      continue;
    }
    if (char === "'" || char === '"') {
      const close = command.indexOf(char, index + 1);
      if (close < 0) return null;
      const inner = command.slice(index + 1, close);
      if (char === '"' && DOUBLE_QUOTED_UNSAFE.test(inner)) return null;
      text += inner;
      quoted = true;
      inWord = true;
      index = close;
      continue;
    }
    // Newlines separate commands; everything else outside PLAIN is an operator, expansion or glob.
    if (!PLAIN.test(char)) return null;
    text += char;
    inWord = true;
  }
  end();
  if (!words.length) return null;
  // `VAR=value cmd` changes the environment of what runs (KUBECONFIG, LD_PRELOAD…): not a plain verb.
  if (!words[0]!.quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!.text)) return null;
  return words;
}

/** A verb word as a rule stores it: a plain word that is not an option or an assignment. */
export const VERB_WORD = /^[A-Za-z0-9_./][A-Za-z0-9_.+:@/-]*$/;
/** At most this many leading words make a verb (`gcloud compute instances list`). */
export const MAX_VERB_WORDS = 4;

/** A verb as stored: single spaces between words (`kubectl get`). */
export function normalizeVerb(verb: string): string {
  return verb.trim().split(/\s+/).join(' ');
}

/** Whether a rule's verb names the leading words of the command; the verb's words must be unquoted in the command. */
export function commandHasVerb(command: string | null, verb: string): boolean {
  if (command === null) return false;
  const words = simpleCommandWords(command);
  const wanted = normalizeVerb(verb).split(' ');
  if (!words || words.length < wanted.length) return false;
  // Quotes around a command name (`"kubectl" get`) are how obfuscation starts: not the verb, even if the text matches.
  return wanted.every((word, index) => !words[index]!.quoted && words[index]!.text === word);
}

/**
 * The verb to offer for an "Allow again" rule: the command name, and its subcommand when the second
 * word looks like one (`kubectl get`, `git status`) rather than an option or a path (`ls -la` → `ls`).
 * Null when the command is not simple: such a command cannot be allowed again by verb.
 */
export function suggestVerb(command: string): string | null {
  const words = simpleCommandWords(command);
  if (!words || words[0]!.quoted || !VERB_WORD.test(words[0]!.text)) return null;
  const second = words[1];
  const subcommand = second && !second.quoted && /^[a-z][a-z0-9-]*$/.test(second.text);
  return subcommand ? `${words[0]!.text} ${second.text}` : words[0]!.text;
}
