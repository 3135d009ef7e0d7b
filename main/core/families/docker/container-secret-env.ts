import type Dockerode from 'dockerode';
import { Redactor } from '../../audit/redactor';
import { StreamRedactor } from '../../audit/stream-redactor';
import { looksSecret } from '../../secrets/secret-names';
import type { RunArgs } from '../../tools/tool-definition';

// `docker.container.inspect` never shows an env value, but a command run inside the container
// (`sh -c 'echo $DB_PASSWORD'`) or the container's own output can print one: what those steps
// output is masked with the values of the container's variables whose names say they are secrets.

/**
 * A redactor that also masks the values of `NAME=value` entries (the engine's `Config.Env`) whose
 * names look secret. The redactor ignores short values, as it does for keychain entries; a value of
 * several lines (a PEM key) is masked line by line too, because output is shown a line at a time.
 */
export function secretEnvRedactor(entries: readonly string[]): Redactor {
  const redactor = new Redactor();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals <= 0 || !looksSecret(entry.slice(0, equals))) continue;
    const value = entry.slice(equals + 1);
    redactor.addSecret(value);
    for (const line of value.split(/\r?\n/)) redactor.addSecret(line.trim());
  }
  return redactor;
}

/** The redactor for a step on one container: its environment as the engine has it, plus any variables the step adds. */
export async function containerSecretRedactor(container: Dockerode.Container, added: Record<string, string> = {}): Promise<Redactor> {
  const info = await container.inspect();
  return secretEnvRedactor([...(info.Config.Env ?? []), ...Object.entries(added).map(([name, value]) => `${name}=${value}`)]);
}

/**
 * The step's log, masked as it streams: a value split over two chunks would pass in both halves,
 * so each stream holds back its unfinished tail (StreamRedactor) until more arrives or `end()`.
 */
export function maskedLog(redactor: Redactor, log: RunArgs<unknown>['log']): { write(stream: 'stdout' | 'stderr', text: string): void; end(): void } {
  const streams = { stdout: new StreamRedactor(redactor), stderr: new StreamRedactor(redactor) };
  return {
    write(stream, text) {
      const shown = streams[stream].push(text);
      if (shown) log(stream, shown);
    },
    end() {
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = streams[stream].flush();
        if (rest) log(stream, rest);
      }
    },
  };
}
