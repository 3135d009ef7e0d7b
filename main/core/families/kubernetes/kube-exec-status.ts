import type { V1Status } from '@kubernetes/client-node';

/**
 * A command's exit code from the status an exec ends with: 0 on Success; a kubelet says
 * NonZeroExitCode with the code as a cause; other runtimes (KWOK's, some CRI shims) only write
 * `… exit status N` into an internal error. Null when the command did not run at all (not found,
 * the container gone): that is a failure to say, not an exit code.
 */
export function exitCodeOf(status: V1Status): number | null {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((candidate) => candidate.reason === 'ExitCode');
  if (status.reason === 'NonZeroExitCode' && cause?.message && /^\d+$/.test(cause.message)) return Number(cause.message);
  const written = /exit (?:status|code) (\d+)\s*$/.exec(status.message ?? '');
  return written ? Number(written[1]) : null;
}

/**
 * An argv as one shell line, each word quoted unless plainly safe, so the shell analyzer rates
 * exactly the words the container runs (`sh -c '…'` is then re-parsed as a script).
 */
export function shellLine(argv: readonly string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
