import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Target } from '../../tools/tool-definition';

export interface HelmRepository {
  readonly name: string;
  readonly url: string;
}

/** Where helm keeps its repository list, by helm's own rules (HELM_REPOSITORY_CONFIG, HELM_CONFIG_HOME, XDG, the platform's default). */
export function repositoryConfigPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.HELM_REPOSITORY_CONFIG) return env.HELM_REPOSITORY_CONFIG;
  const home = env.HOME || homedir();
  const configHome =
    env.HELM_CONFIG_HOME ??
    (env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'helm') : platform === 'darwin' ? join(home, 'Library', 'Preferences', 'helm') : platform === 'win32' ? join(env.APPDATA ?? home, 'helm') : join(home, '.config', 'helm'));
  return join(configHome, 'repositories.yaml');
}

/**
 * The repositories helm knows on this machine (names and URLs only: their credentials are never
 * read). Read from the file rather than by running helm, because targets are computed without I/O
 * to other processes.
 */
export function knownRepositories(env: NodeJS.ProcessEnv): HelmRepository[] {
  try {
    const file = parse(readFileSync(repositoryConfigPath(env), 'utf8')) as { repositories?: { name?: string; url?: string }[] } | null;
    return (file?.repositories ?? []).filter((entry): entry is HelmRepository => Boolean(entry?.name && entry.url)).map(({ name, url }) => ({ name, url }));
  } catch {
    return [];
  }
}

/** The network target of a repository URL: `network:charts.example.com`. */
export function hostTarget(url: string, label = url): Target {
  let host = url;
  try {
    host = new URL(url.replace(/^oci:/, 'https:')).host || url;
  } catch {
    // not a URL: the text itself, so the target still names what it is
  }
  return { kind: 'network', id: `network:${host}`, label };
}

/** Every repository at once (`helm repo update`, `helm search repo`): they may be on any host. */
export const everyRepository: Target = { kind: 'network', id: 'network:*', label: 'every Helm repository of this machine' };

/** The target of a repository by its name, when helm knows it; otherwise every repository, since it could be any. */
export function repositoryTarget(env: NodeJS.ProcessEnv, name: string): Target {
  const known = knownRepositories(env).find((repository) => repository.name === name);
  return known ? hostTarget(known.url, `Helm repository ${name} (${known.url})`) : { ...everyRepository, label: `Helm repository ${name} (not added on this machine)` };
}
