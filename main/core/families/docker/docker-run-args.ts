import type { Args } from '../../policy/shell/command-args';
import type { HostAccess, Namespace } from './host-access-risk';

// Reads what `docker run|create` gives the container of the host from its command line. Every word
// is read, the container's own command after the image too: a flag is never missed by guessing
// where the image is (a flag-like word in the container's command can only make the rating stricter).

export interface Mount {
  /** The host side: a path or a volume name. */
  readonly source: string;
  readonly readOnly: boolean;
}

export interface RunArgs extends HostAccess {
  readonly mounts: Mount[];
  /** Options whose value is known only at run time (`-v "$DIR:/data"`): what they give cannot be rated. */
  readonly dynamic: string[];
}

// Options of `docker run` that take a value, so the next word is that value, not a flag.
const valued = new Set(['--volume', '--mount', '--pid', '--ipc', '--uts', '--userns', '--cgroupns', '--network', '--net', '--cap-add', '--device', '--security-opt']);
const shortValued = 'acehlmpuvw';
const namespaceOf: Record<string, Namespace> = { '--pid': 'pid', '--ipc': 'ipc', '--uts': 'uts', '--userns': 'userns', '--cgroupns': 'cgroupns', '--network': 'network', '--net': 'network' };

/** `-v SRC:DST[:OPTS]`; a single part is an anonymous volume, nothing of the host. */
export function parseVolume(value: string): Mount | null {
  const parts = value.split(':');
  if (parts.length < 2) return null;
  const options = (parts[2] ?? '').split(',');
  return { source: parts[0]!, readOnly: options.includes('ro') || options.includes('readonly') };
}

/** `--mount type=bind,source=/,target=/h,readonly`; `volume-opt=device=…` (with `o=bind`) binds a host path too. */
export function parseMount(value: string): Mount[] {
  const fields = value.split(',').map((field) => field.trim().replace(/^"|"$/g, ''));
  const entry = (key: string) => fields.find((field) => field.split('=')[0]!.toLowerCase() === key);
  const valueOf = (...keys: string[]) => keys.map(entry).find((field) => field !== undefined)?.split('=').slice(1).join('=');
  const flag = valueOf('readonly', 'ro');
  const readOnly = (entry('readonly') !== undefined || entry('ro') !== undefined) && !/^(false|0)$/i.test(flag ?? '');
  const mounts: Mount[] = [];
  const type = (valueOf('type') ?? 'volume').toLowerCase();
  const source = valueOf('source', 'src');
  if (source && type !== 'tmpfs') mounts.push({ source: type === 'bind' && !source.startsWith('/') && !source.startsWith('.') ? `./${source}` : source, readOnly });
  const device = fields.find((field) => /^volume-opt=device=/i.test(field));
  if (device) mounts.push({ source: device.replace(/^volume-opt=device=/i, ''), readOnly });
  return mounts;
}

/** The options of `docker run|create` that concern the host, from the words after the subcommand. */
export function parseRunArgs(args: Args): RunArgs {
  const result = { mounts: [] as Mount[], privileged: false, namespaces: {} as Partial<Record<Namespace, string>>, capAdd: [] as string[], devices: [] as string[], securityOpts: [] as string[], dynamic: [] as string[] };
  const take = (name: string, value: string | null): void => {
    if (value === null) {
      if (name !== '--privileged') result.dynamic.push(name);
      return;
    }
    if (name === '-v' || name === '--volume') {
      const mount = parseVolume(value);
      if (mount) result.mounts.push(mount);
    } else if (name === '--mount') result.mounts.push(...parseMount(value));
    // Given twice, the host-facing value counts (`--network` may be given more than once).
    else if (name === '--privileged') result.privileged ||= !/^(false|0)$/i.test(value);
    else if (name === '--cap-add') result.capAdd.push(value);
    else if (name === '--device') result.devices.push(value.split(':')[0]!);
    else if (name === '--security-opt') result.securityOpts.push(value);
    else if (namespaceOf[name] && result.namespaces[namespaceOf[name]!]?.toLowerCase() !== 'host') result.namespaces[namespaceOf[name]!] = value;
  };
  // The word after an option is its value; null is a word known only at run time, undefined no word at all.
  const next = (i: number): string | null | undefined => args[i + 1];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null || arg === undefined || !arg.startsWith('-') || arg === '-') continue;
    if (arg.startsWith('--')) {
      const [name, ...rest] = arg.split('=');
      if (name === '--privileged') take(name, rest.length ? rest.join('=') : 'true');
      else if (valued.has(name!)) {
        const value = rest.length ? rest.join('=') : next(i++);
        if (value !== undefined) take(name!, value);
      }
      continue;
    }
    // Short options bundle (`-itv /:/h`, `-v/:/h`, `-v=/:/h`): the first that takes a value ends the bundle.
    for (let at = 1; at < arg.length; at++) {
      if (!shortValued.includes(arg[at]!)) continue;
      const inline = arg.slice(at + 1).replace(/^=/, '');
      const value = inline || next(i++);
      if (arg[at] === 'v' && value !== undefined) take('-v', value);
      break;
    }
  }
  return result;
}
