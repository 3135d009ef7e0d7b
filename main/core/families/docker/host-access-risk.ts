import { assess, type RiskAssessment } from '../../policy/risk';
import { normalizeHostPath } from './mount-risk';

// What a container is given of the host beyond its mounts: privileges, the host's namespaces, added
// capabilities, devices and switched-off confinement. Shared by the `docker run` shell verb and the
// typed run tool, so both rate a flag the same.

export interface HostAccess {
  readonly privileged?: boolean;
  /** `--pid`, `--ipc`, `--uts`, `--userns`, `--cgroupns`, `--network` and their values (`host`). */
  readonly namespaces?: Readonly<Partial<Record<Namespace, string>>>;
  readonly capAdd?: readonly string[];
  /** Host sides of `--device` (`/dev/sda`, from `/dev/sda:/dev/xvda:rwm`). */
  readonly devices?: readonly string[];
  readonly securityOpts?: readonly string[];
}

export type Namespace = 'pid' | 'ipc' | 'uts' | 'userns' | 'cgroupns' | 'network';

// The host's processes (ptrace, /proc/<pid>/root) are a way out of the container; the others weaken isolation.
const namespaceRisk: Record<Namespace, ['critical' | 'destructive', string]> = {
  pid: ['critical', "shares the host's processes (it can read and signal every one of them)"],
  ipc: ['destructive', "shares the host's shared memory and semaphores"],
  uts: ['destructive', "shares the host's hostname"],
  userns: ['destructive', "turns off user-namespace remapping (root in the container is root on the host)"],
  cgroupns: ['destructive', "shares the host's cgroup tree"],
  network: ['destructive', "shares the host's network stack (it reaches every service listening on localhost)"],
};

// Capabilities every container has by default: adding one again changes nothing.
const defaultCaps = new Set(['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE']);
// Each of these is a known way out of a container: mount and namespace tricks, kernel modules, and
// open_by_handle_at reading any host file ("shocker").
const escapeCaps = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'DAC_READ_SEARCH']);
// Raw access to disks and memory: a container that can open these can read or rewrite the host.
const rawDevice = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|dm-|loop|md|disk\/|mapper\/|mem$|kmem$|port$)/;
const unconfined = /^(seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable|systempaths[=:]unconfined)$/i;

const capName = (cap: string): string => cap.trim().toUpperCase().replace(/^CAP_/, '');

/** One assessment per thing given (none when nothing is). */
export function hostAccessRisks(access: HostAccess): RiskAssessment[] {
  const parts: RiskAssessment[] = [];
  if (access.privileged) parts.push(assess('critical', 'runs privileged: every device and capability of the host, no confinement'));
  for (const [namespace, value] of Object.entries(access.namespaces ?? {}) as [Namespace, string][]) {
    if (value.toLowerCase() === 'host') parts.push(assess(...namespaceRisk[namespace]));
  }
  const caps = [...new Set((access.capAdd ?? []).flatMap((cap) => cap.split(',')).map(capName).filter((cap) => cap && !defaultCaps.has(cap)))];
  const escaping = caps.filter((cap) => escapeCaps.has(cap));
  if (escaping.length) parts.push(assess('critical', `adds ${escaping.join(', ')} (a way out of the container onto the host)`));
  const others = caps.filter((cap) => !escapeCaps.has(cap));
  if (others.length) parts.push(assess('destructive', `adds ${others.join(', ')} (power over the host beyond a container's)`));
  for (const device of access.devices ?? []) {
    const path = normalizeHostPath(device);
    parts.push(rawDevice.test(path) ? assess('critical', `passes the host's ${path} into the container (raw access to a disk or memory)`) : assess('destructive', `passes the host device ${path} into the container`));
  }
  const off = (access.securityOpts ?? []).filter((option) => unconfined.test(option.trim()));
  if (off.length) parts.push(assess('destructive', `turns confinement off (${off.join(', ')})`));
  return parts;
}
