import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ComposeProject } from '../compose/compose-model';
import type { ComposeSourceFacts } from './helm-from-compose-chart';
import { valueLooksSecret } from './helm-secret-value';
import { looksSecret } from '../../secrets/secret-names';

// The compose loader hands back values already interpolated and env files already merged, so a
// password from .env looks like any other value. This reads the files as written to know which
// environment values came from a variable, an env_file, or look secret by name or value: those are never copied.

type RawService = Record<string, unknown>;

/** `$VAR` or `${VAR}`, not the `$$` escape. */
const takesVariables = (value: unknown): boolean => /\$[{A-Za-z_]/.test(JSON.stringify(value ?? '').replaceAll('$$', ''));

/** The environment as written: key → its text, or null when it is taken from the shell or .env (`- KEY`, `KEY:`). */
function writtenEnvironment(value: unknown): Map<string, string | null> {
  if (Array.isArray(value)) {
    return new Map(value.map((entry) => {
      const text = String(entry);
      const index = text.indexOf('=');
      return index < 0 ? [text, null] : [text.slice(0, index), text.slice(index + 1)];
    }));
  }
  if (value && typeof value === 'object') return new Map(Object.entries(value).map(([key, item]) => [key, item === null ? null : String(item)]));
  return new Map();
}

/** Keys of a .env-style file, by their names only: the values are never read into the chart. */
function envFileKeys(file: string): string[] {
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/gm)].map((match) => match[1]!);
}

/** The services of each compose file as written, their keys merged in file order (environment key by key). */
function writtenServices(files: readonly string[]): Map<string, { raw: RawService; environment: Map<string, string | null>; envFiles: string[] }> {
  const services = new Map<string, { raw: RawService; environment: Map<string, string | null>; envFiles: string[] }>();
  for (const file of files) {
    const document = (parse(readFileSync(file, 'utf8')) ?? {}) as { services?: Record<string, RawService | null> };
    for (const [name, raw] of Object.entries(document.services ?? {})) {
      const known = services.get(name) ?? { raw: {}, environment: new Map(), envFiles: [] };
      const envFile = raw?.env_file;
      const paths = (Array.isArray(envFile) ? envFile : envFile ? [envFile] : []).map((entry) => (typeof entry === 'string' ? entry : String((entry as { path: string }).path)));
      services.set(name, {
        raw: { ...known.raw, ...raw },
        environment: new Map([...known.environment, ...writtenEnvironment(raw?.environment)]),
        envFiles: [...known.envFiles, ...paths.map((path) => resolve(file, '..', path))],
      });
    }
  }
  return services;
}

/** What the chart conversion needs to know of a loaded project beyond its normalised form. */
export function composeSourceFacts(project: ComposeProject): ComposeSourceFacts {
  const written = writtenServices(project.files);
  const facts: { raw: Record<string, RawService>; secretEnv: Record<string, { key: string; from: string }[]>; fileSecrets: Record<string, { name: string; target: string }[]>; variableFields: Record<string, string[]> } = { raw: {}, secretEnv: {}, fileSecrets: {}, variableFields: {} };
  for (const service of project.services) {
    const source = written.get(service.name) ?? { raw: {}, environment: new Map<string, string | null>(), envFiles: [] };
    facts.raw[service.name] = source.raw;
    const fromFiles = new Map(source.envFiles.flatMap((file) => envFileKeys(file).map((key) => [key, file] as const)));
    facts.secretEnv[service.name] = Object.keys(service.environment).flatMap((key) => {
      const text = source.environment.get(key);
      if (text === undefined) return [{ key, from: fromFiles.has(key) ? `from env_file ${relative(project.workingDir, fromFiles.get(key)!)}` : 'not written in the service itself' }];
      if (text === null) return [{ key, from: 'taken from .env or the shell' }];
      if (takesVariables(text)) return [{ key, from: 'set from a variable of .env or the shell' }];
      if (looksSecret(key)) return [{ key, from: 'its name says it is a secret' }];
      if (valueLooksSecret(text)) return [{ key, from: 'its value looks like a credential (a password in a URL, or a token)' }];
      return [];
    });
    facts.fileSecrets[service.name] = ((source.raw.secrets ?? []) as (string | { source: string; target?: string })[]).map((entry) => {
      const name = typeof entry === 'string' ? entry : entry.source;
      const target = typeof entry === 'string' ? entry : (entry.target ?? entry.source);
      return { name, target: target.startsWith('/') ? target : `/run/secrets/${target}` };
    });
    facts.variableFields[service.name] = ['command', 'entrypoint', 'healthcheck'].filter((field) => takesVariables(source.raw[field]));
  }
  return facts;
}
