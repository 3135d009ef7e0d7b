import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasAny, hasFlag, positionals, sub } from '../command-args';
import type { Table } from './classifier';

function systemctl(args: Args): RiskAssessment {
  const verb = sub(args);
  const units = positionals(args).slice(1).join(' ');
  if (/^(status|show|cat|list-.*|is-.*|help|get-default|show-environment)$/.test(verb) || !verb) return assess('read', `systemctl ${verb || 'status'}`);
  if (/^(poweroff|reboot|halt|kexec|emergency|rescue|suspend|hibernate|isolate|default)$/.test(verb)) return assess('critical', `systemctl ${verb}: takes the whole machine down or out of service`);
  if (/^(stop|kill|disable|mask|reset-failed)$/.test(verb)) {
    return assess(/ssh|network|docker|systemd|dbus|firewalld|sshd/.test(units) ? 'critical' : 'destructive', `systemctl ${verb} ${units}`.trim());
  }
  return assess('write', `systemctl ${verb} ${units}`.trim());
}

function firewall(args: Args, name: string): RiskAssessment {
  const text = args.join(' ');
  if (/(^|\s)(-L|--list|-S|--list-rules|list|show|status|-n)(\s|$)/.test(text) && !/-F|--flush|-X|-D|-A|-I|flush|delete|add|insert|reset|disable/.test(text)) return assess('read', `lists ${name} rules`);
  if (/(^|\s)(-F|--flush|-X|--delete-chain|flush|reset|disable|-P\s+\S+\s+ACCEPT)(\s|$)/.test(text)) return assess('critical', `${name} flushes or disables the firewall`);
  if (/(^|\s)(-D|--delete|delete)(\s|$)/.test(text)) return assess('destructive', `${name} deletes firewall rules`);
  if (/(-P|--policy)\s+\S+\s+(DROP|REJECT)|default\s+(deny|reject)|policy\s+drop/i.test(text)) return assess('destructive', `${name} makes the firewall refuse everything by default (can cut the machine off)`);
  return assess('write', `${name} changes firewall rules`);
}

function packageManager(args: Args, name: string): RiskAssessment {
  // `yarn npm unpublish`: the verb may be the second word.
  const verb = sub(args) === 'npm' ? sub(args, 1) : sub(args);
  if (/^(publish|release:perform)$/.test(verb)) return assess('destructive', `${name} publishes a package for everyone: it cannot be taken back`);
  // A package file from disk, not a repository: its install scripts run (as root for system managers) unchecked.
  const localPackage = positionals(args).find((word) => /\.(deb|rpm|snap|apk|txz|pkg\.tar\.\w+|pkg|whl|tgz|tar\.gz)$/.test(word) || /^\.{0,2}\//.test(word));
  if (localPackage && /^(install|localinstall|reinstall|add|-i|i)$/.test(verb || (args.includes('-i') ? '-i' : ''))) return assess('destructive', `${name} installs the local package ${localPackage}: its scripts run without a repository's checks`);
  if (hasAny(args, '--dangerous', '--devmode', '--nogpgcheck', '--allow-unauthenticated', '--force-bad-verify', '--unsafe-perm')) return assess('destructive', `${name} installs without checking signatures or confinement`);
  if (/^(remove|purge|uninstall|autoremove|erase|rm|un|prune|clean|autoclean|cache-clean|unpublish|deprecate)$/.test(verb) || hasFlag(args, 'R', '--remove')) return assess('destructive', `${name} ${verb || '-R'} removes packages`);
  if (/^(list|ls|show|search|info|view|outdated|policy|depends|rdepends|query|why|audit|doctor|config|check|freeze|--version|-v|help)$/.test(verb) || hasFlag(args, 'Q', '--query')) {
    return assess('read', `${name} ${verb}`);
  }
  return assess('write', `${name} ${verb || ''} changes installed packages`.replace(/\s+/g, ' '));
}

const service: Table[string] = (args) => {
  const verb = (positionals(args)[1] ?? '').toLowerCase();
  if (/^(status|--status-all)$/.test(verb) || hasAny(args, '--status-all')) return assess('read', 'service status');
  if (/^(stop|disable)$/.test(verb)) return assess('destructive', `stops service ${positionals(args)[0]}`);
  return assess('write', `service ${positionals(args).join(' ')}`);
};

export const systemCommands: Table = {
  systemctl,
  service,
  shutdown: () => assess('critical', 'shuts the machine down'),
  reboot: () => assess('critical', 'reboots the machine'),
  poweroff: () => assess('critical', 'powers the machine off'),
  halt: () => assess('critical', 'halts the machine'),
  init: (args) => (/^[06]$/.test(sub(args)) ? assess('critical', 'init runlevel change halts or reboots the machine') : assess('write', 'changes runlevel')),
  telinit: () => assess('critical', 'changes runlevel'),
  kill: (args) => (args[0] === '-0' || hasFlag(args, 'l', '--list') ? assess('read', 'kill -0 only checks that a process exists') : positionals(args).some((pid) => pid === '1' || pid === '-1') ? assess('critical', 'kills init or every process') : assess('destructive', `kills process ${positionals(args).join(' ')}`)),
  pkill: (args) => assess('destructive', `kills processes matching ${positionals(args).join(' ')}`),
  killall: (args) => assess('destructive', `kills every process named ${positionals(args).join(' ')}`),
  iptables: firewall,
  ip6tables: firewall,
  'iptables-restore': () => assess('destructive', 'replaces firewall rules'),
  nft: firewall,
  ufw: firewall,
  'firewall-cmd': firewall,
  crontab: (args) => (hasFlag(args, 'l') ? assess('read', 'lists the crontab') : hasFlag(args, 'r') ? assess('destructive', 'removes the whole crontab') : assess('write', 'changes the crontab')),
  at: () => assess('write', 'schedules a command'),
  mount: (args) => (positionals(args).length === 0 ? assess('read', 'lists mounts') : /remount|bind/.test(args.join(' ')) || positionals(args).some((word) => /^\/dev\//.test(word)) ? assess('destructive', `mount puts ${positionals(args).join(' on ')}, hiding what was there`) : assess('write', `mounts ${positionals(args).join(' ')}`)),
  dig: (args) => (/\baxfr\b|\bixfr/i.test(args.join(' ')) ? assess('write', 'dig asks for a whole zone transfer') : assess('read', 'looks up DNS')),
  ifconfig: (args) => (/\bdown\b/.test(args.join(' ')) ? assess('destructive', 'ifconfig takes an interface down') : positionals(args).length > 1 ? assess('write', 'ifconfig changes an interface') : assess('read', 'shows interfaces')),
  busctl: (args) => (/unixexec|exec:/.test(args.join(' ')) ? assess('destructive', 'busctl connects through a program it starts') : /^(list|status|introspect|tree|monitor|get-property|help|--version)$/.test(positionals(args)[0] ?? 'list') ? assess('read', 'busctl inspects D-Bus') : assess('write', 'busctl calls D-Bus methods or sets properties')),
  man: (args) => (args.some((arg) => /^(-H|-P|--pager|--html|-B)/.test(arg ?? '')) ? assess('destructive', 'man runs a program it is given as pager or browser') : assess('read', 'shows a manual page')),
  umount: (args) => assess('destructive', `unmounts ${positionals(args).join(' ')}`),
  swapoff: () => assess('destructive', 'turns swap off'),
  swapon: (args) => (hasFlag(args, 's', '--show', '--summary') ? assess('read', 'shows swap') : assess('write', 'turns swap on')),
  useradd: () => assess('write', 'adds a user'),
  adduser: () => assess('write', 'adds a user'),
  usermod: () => assess('destructive', 'changes a user account'),
  userdel: () => assess('destructive', 'deletes a user'),
  deluser: () => assess('destructive', 'deletes a user'),
  groupdel: () => assess('destructive', 'deletes a group'),
  passwd: (args) => (hasFlag(args, 'S', '--status') ? assess('read', 'shows password status') : assess('destructive', 'changes a password')),
  chpasswd: () => assess('destructive', 'changes passwords'),
  visudo: (args) => (hasFlag(args, 'c', '--check') ? assess('read', 'checks sudoers') : assess('critical', 'edits sudoers')),
  sysctl: (args) => (hasFlag(args, 'w', '--write', '--load', '--system') || args.some((arg) => arg?.includes('=')) ? assess('destructive', 'changes kernel parameters') : assess('read', 'reads kernel parameters')),
  modprobe: (args) => (hasFlag(args, 'r', '--remove') ? assess('destructive', 'unloads a kernel module') : assess('write', 'loads a kernel module')),
  rmmod: () => assess('destructive', 'unloads a kernel module'),
  insmod: () => assess('destructive', 'loads a kernel module'),
  hostname: (args) => (positionals(args).length ? assess('destructive', 'renames the machine') : assess('read', 'prints the host name')),
  ip: (args) => {
    const text = args.join(' ');
    if (/\b(del|delete|flush)\b/.test(text)) return assess('destructive', 'ip deletes addresses, routes or links');
    if (/\b(set\s+\S+\s+down)\b/.test(text)) return assess('destructive', 'ip takes a network link down');
    if (/\b(add|set|change|replace)\b/.test(text)) return assess('write', 'ip changes network configuration');
    return assess('read', 'shows network configuration');
  },
  'ssh-keygen': (args) => (hasFlag(args, 'lFy') ? assess('read', 'shows key fingerprints') : hasFlag(args, 'R') ? assess('destructive', 'removes a host from known_hosts') : assess('write', 'creates an SSH key (may overwrite one)')),
  apt: packageManager,
  'apt-get': packageManager,
  aptitude: packageManager,
  dpkg: (args) => (hasFlag(args, 'lLsS', '--list', '--status', '--search', '--listfiles') ? assess('read', 'queries packages') : hasFlag(args, 'rP', '--remove', '--purge') ? assess('destructive', 'dpkg removes packages') : hasFlag(args, 'i', '--install') ? assess('destructive', 'dpkg installs a local package file: its scripts run as root') : assess('write', 'dpkg installs packages')),
  rpm: (args) => (hasFlag(args, 'q', '--query', '--verify') ? assess('read', 'queries packages') : hasFlag(args, 'e', '--erase') ? assess('destructive', 'rpm removes packages') : assess('destructive', 'rpm installs a local package file: its scripts run as root')),
  pkg: packageManager,
  restore: (args) => (positionals(args).some((word) => word.startsWith('/dev/')) ? assess('destructive', 'restore writes a dump back onto a device') : assess('write', 'restore writes files back from a dump')),
  john: () => assess('destructive', 'john cracks password hashes'),
  hashcat: () => assess('destructive', 'hashcat cracks password hashes'),
  hydra: () => assess('destructive', 'hydra tries passwords against a service'),
  medusa: () => assess('destructive', 'medusa tries passwords against a service'),
  ncrack: () => assess('destructive', 'ncrack tries passwords against a service'),
  dnf: packageManager,
  yum: packageManager,
  zypper: packageManager,
  pacman: packageManager,
  apk: packageManager,
  brew: packageManager,
  port: packageManager,
  snap: packageManager,
  flatpak: packageManager,
  pip: packageManager,
  pip3: packageManager,
  pipx: packageManager,
  uv: packageManager,
  poetry: packageManager,
  npm: packageManager,
  pnpm: packageManager,
  yarn: packageManager,
  bun: packageManager,
  gem: packageManager,
  cargo: packageManager,
  go: (args) => (/^(version|env|list|doc|vet|help)$/.test(sub(args)) ? assess('read', `go ${sub(args)}`) : /^clean$/.test(sub(args)) ? assess('destructive', 'go clean removes build caches') : assess('write', `go ${sub(args)}`)),
  composer: packageManager,
  nix: packageManager,
  'nix-env': packageManager,
};
