import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompose } from './compose-loader';
import type { ComposeProject } from './compose-model';

const defaultFiles = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** The compose files `docker compose` would read in a folder: the first default name, and its `.override` file. */
export function findDefaultFiles(dir: string): string[] {
  const base = defaultFiles.find((file) => existsSync(join(dir, file)));
  if (!base) return [];
  const override = base.replace(/(\.ya?ml)$/, '.override$1');
  return [join(dir, base), ...(existsSync(join(dir, override)) ? [join(dir, override)] : [])];
}

/** `web=3`: replicas for this `up`, overriding deploy.replicas. */
export function applyScale(project: ComposeProject, scale: Readonly<Record<string, number>>): ComposeProject | string {
  let services = project.services;
  for (const [name, replicas] of Object.entries(scale)) {
    if (!services.some((service) => service.name === name)) return `scale names "${name}", which is not a service of ${project.name}`;
    services = services.map((service) => (service.name === name ? { ...service, replicas } : service));
  }
  return { ...project, services };
}

export interface ProjectRequest {
  /** Absolute paths; empty: the default files of `dir`. */
  readonly files: readonly string[];
  readonly dir: string;
  readonly project?: string;
  readonly profiles?: readonly string[];
  readonly scale?: Readonly<Record<string, number>>;
  readonly env: NodeJS.ProcessEnv;
}

/** Loads, validates and scales a project; every problem is named with its file and path. */
/** `usage`: the request itself is wrong (no file, a service that does not exist), not the compose files. */
export function loadProject(request: ProjectRequest): { ok: true; project: ComposeProject } | { ok: false; message: string; usage: boolean; problems?: readonly { file: string; path: string; message: string }[] } {
  const files = request.files.length ? [...request.files] : findDefaultFiles(request.dir);
  if (!files.length) return { ok: false, usage: true, message: `no compose file in ${request.dir} (looked for ${defaultFiles.join(', ')}); give one with -f FILE` };
  const loaded = loadCompose({ files, projectName: request.project, env: request.env, profiles: request.profiles?.length ? [...request.profiles] : undefined });
  if (!loaded.ok) {
    const count = loaded.problems.length;
    return { ok: false, usage: false, problems: loaded.problems, message: `the compose project cannot be used (${count} problem${count === 1 ? '' : 's'}):\n${loaded.problems.map((problem) => `  ${problem.file}${problem.path ? ` › ${problem.path}` : ''}: ${problem.message}`).join('\n')}` };
  }
  const scaled = applyScale(loaded.project, request.scale ?? {});
  return typeof scaled === 'string' ? { ok: false, usage: true, message: scaled } : { ok: true, project: scaled };
}
