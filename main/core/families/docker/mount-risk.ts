import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { assess, type RiskAssessment, riskRank, type Risk } from '../../policy/risk';

// How much a bind mount of a host path hands the container. Used by `docker.container.run` (and so
// by the compose steps that expand into it) and by the `docker run -v …` shell verb, so a path is
// rated the same however it arrives.

/** A source naming a host path rather than a volume the engine manages (`data`, `pgdata`). */
export function isHostPath(source: string): boolean {
  return /^[/.~$\\]/.test(source) || source.includes('/');
}

const expandHome = (source: string, home: string): string => source.replace(/^(~|\$HOME|\$\{HOME\})(?=\/|$)/, home);

/** `~`, `$HOME`, `//etc/`, `/etc/.`, `a/../b`: the one spelling each path has, without touching the disk. */
export function normalizeHostPath(source: string, home = homedir()): string {
  const expanded = expandHome(source, home);
  const normal = posix.normalize(expanded).replace(/\/+$/, '');
  return normal || (expanded.startsWith('/') ? '/' : '.');
}

/** The path with symlinks resolved as far as it exists (docker creates a missing rest below the real parent). */
function realPath(path: string): string {
  if (!path.startsWith('/')) return path;
  const rest: string[] = [];
  for (let current = path; ; current = posix.dirname(current)) {
    try {
      return posix.join(realpathSync(current), ...rest);
    } catch {
      if (current === '/') return path;
      rest.unshift(posix.basename(current));
    }
  }
}

const within = (path: string, tree: string): boolean => path === tree || path.startsWith(`${tree}/`);

const engineSocket = /(^|\/)(docker|containerd|podman|crio|cri-dockerd|buildkitd)\.sock(\.raw)?$|\/docker_engine$/;
// Mounting any of these, or anything below them, gives the container the host's configuration, secrets,
// kernel interfaces, devices or daemons' sockets. /private/… is where macOS keeps /etc and /var/run.
const criticalTrees = ['/etc', '/root', '/proc', '/sys', '/dev', '/boot', '/run', '/var/run', '/var/lib/docker', '/private/etc', '/private/var/run'];
// These folders hold the trees above or the system's programs; their subfolders (/var/lib/app, /usr/share) can be ordinary data.
const criticalFolders = ['/', '/home', '/Users', '/var', '/var/lib', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/private', '/private/var'];
// Keys and credentials in a home directory.
const secretFolders = ['.ssh', '.aws', '.kube', '.docker', '.gnupg', '.config', '.azure'];
// Sockets and device nodes work through a read-only mount: `:ro` does not make these any safer.
const liveTrees = ['/run', '/var/run', '/dev', '/private/var/run'];
const liveFolders = ['/', '/var', '/private', '/private/var', '/home', '/Users'];

interface Rating {
  readonly risk: Risk;
  /** The container can still act on it (a socket, a device) through a read-only mount. */
  readonly live: boolean;
  readonly why: string;
}

/** The home directory a path is in: the user's, or another account's under /home or /Users. */
function homeOf(path: string, home: string): string | null {
  if (home !== '/' && within(path, home)) return home;
  return /^\/(home|Users)\/[^/]+/.exec(path)?.[0] ?? null;
}

function rate(path: string, home: string): Rating {
  if (!path.startsWith('/')) {
    // The folder it is relative to, another user's `~name` or a variable are only known when it runs.
    if (path === '..' || path.startsWith('../')) return { risk: 'destructive', live: false, why: 'climbs out of the current folder to a place known only when it runs' };
    if (/^[~$]/.test(path)) return { risk: 'destructive', live: false, why: 'a path known only when it runs' };
    return { risk: 'write', live: false, why: 'a folder below the current one' };
  }
  if (engineSocket.test(path)) return { risk: 'critical', live: true, why: "a container engine's socket (control of every container and of the host)" };
  if (criticalTrees.some((tree) => within(path, tree)) || criticalFolders.includes(path)) {
    return { risk: 'critical', live: liveTrees.some((tree) => within(path, tree)) || liveFolders.includes(path), why: 'a system folder (the host\'s configuration, secrets, devices or sockets)' };
  }
  const owner = homeOf(path, home);
  // Docker Desktop keeps its socket under ~/.docker, so a home mounted read-only can still drive the engine.
  if (owner === path) return { risk: 'critical', live: true, why: 'a whole home directory (its keys, credentials and shell startup files)' };
  const first = owner ? path.slice(owner.length + 1).split('/')[0]! : '';
  if (secretFolders.includes(first)) return { risk: 'critical', live: first === '.docker', why: `${owner}/${first} holds keys or credentials` };
  return { risk: 'write', live: false, why: 'a host folder' };
}

/** The spellings of one path a bind mount may end up at: as written, and with symlinks resolved before and after `..` is applied. */
function forms(source: string, home: string): string[] {
  const literal = normalizeHostPath(source, home);
  const found = [literal, realPath(literal)];
  const expanded = expandHome(source, home);
  // A relative path is relative to where the command runs, not to this process: it is not resolved here.
  if (expanded.startsWith('/')) {
    try {
      // The kernel follows a link before `..` (`/tmp/link-to-etc/..` is `/`); the lexical form above does not.
      found.push(normalizeHostPath(realpathSync.native(expanded), home));
    } catch {
      // Does not exist (yet): the forms above are all there is.
    }
  }
  return [...new Set(found)];
}

/**
 * The risk of bind-mounting `source` (a volume name is no host path and rates `read`). Every form of
 * the path is rated and the worst counts: a link on this machine must not make a path look harmless
 * (and the engine may be on another machine, where the literal path is what it mounts).
 */
export function hostMountRisk(source: string, readOnly: boolean, home = homedir()): RiskAssessment {
  if (!isHostPath(source)) return assess('read', `uses volume ${source}`);
  const candidates = forms(source, home);
  const rated = candidates.map((path) => ({ path, ...rate(path, home) }));
  const worst = rated.reduce((a, b) => (riskRank(b.risk) > riskRank(a.risk) || (b.risk === a.risk && b.live && !a.live) ? b : a));
  const shown = worst.path === source ? source : `${source} (${worst.path})`;
  if (worst.risk === 'write') return assess('write', `mounts host folder ${shown} ${readOnly ? 'read-only' : 'writable'}`);
  if (worst.risk === 'critical' && readOnly && !worst.live) return assess('destructive', `mounts ${shown} read-only: ${worst.why}; reading it is enough to do harm`);
  return assess(worst.risk, `mounts ${shown} into the container${readOnly && worst.live ? ' (read-only does not stop it being used)' : ''}: ${worst.why}`);
}
