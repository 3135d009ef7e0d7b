/** Helpers for reading a command's arguments; `null` stands for an argument known only at run time. */
export type Args = readonly (string | null)[];

const text = (arg: string | null): string => arg ?? '';

/** True if any of the long flags (`--force`, `--force=…`) or short letters (`-f`, inside `-rf`) is present. */
export function hasFlag(args: Args, short: string, ...long: string[]): boolean {
  for (const raw of args) {
    const arg = text(raw);
    if (arg === '--') return false;
    if (long.some((flag) => arg === flag || arg.startsWith(`${flag}=`))) return true;
    if (short && /^-[A-Za-z0-9]+$/.test(arg) && [...short].some((letter) => arg.slice(1).includes(letter))) return true;
  }
  return false;
}

export const hasAny = (args: Args, ...values: string[]): boolean => args.some((arg) => values.includes(text(arg)));

/** Arguments that are not options, in order (option values are not told apart: callers check words). */
export const positionals = (args: Args): string[] => args.map(text).filter((arg) => arg !== '' && !arg.startsWith('-'));

/** The first positional argument, lowercased: usually the subcommand. */
export const sub = (args: Args, index = 0): string => (positionals(args)[index] ?? '').toLowerCase();

/** The value of an option given as `--name value`, `--name=value` or `-n value`. */
export function optionValue(args: Args, ...names: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = text(args[i]!);
    for (const name of names) {
      if (arg === name) return text(args[i + 1] ?? null);
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return null;
}

export const dynamic = (args: Args): boolean => args.some((arg) => arg === null);
