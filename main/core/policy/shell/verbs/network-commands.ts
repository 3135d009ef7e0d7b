import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasFlag, optionValue, positionals } from '../command-args';
import type { Table } from './classifier';

function curl(args: Args): RiskAssessment {
  const text = args.join(' ');
  const method = (optionValue(args, '-X', '--request') ?? '').toUpperCase();
  if (method === 'DELETE') return assess('destructive', 'curl sends DELETE');
  if (/(^|\s)(-T|--upload-file)\b/.test(text) || /@\/?(etc|root|home|~)/.test(text) && /(-d|--data|-F|--form)/.test(text)) return assess('destructive', 'curl uploads local files');
  const url = positionals(args).find((arg) => /^\w+:\/\/|^:\d+/.test(arg)) ?? '';
  // gopher:// and dict:// write raw bytes to any port; file:// reads local files.
  if (url && /^(gopher|dict|file|telnet|tftp|ldap|smb)s?:\/\//i.test(url)) return assess('destructive', `curl speaks ${url.split(':')[0]}://, which sends raw data to any service or reads local files`);
  if (url && !/^https?:\/\//.test(url) && /^\w+:\/\//.test(url)) return assess('write', `curl speaks ${url.split(':')[0]}:// (not HTTP)`);
  if (method && method !== 'GET' && method !== 'HEAD' && /delete|destroy|drop|remove|_close|shutdown|purge|truncate/i.test(url)) return assess('destructive', `curl ${method} ${url}`);
  if (method && method !== 'GET' && method !== 'HEAD') return assess('write', `curl sends ${method}`);
  if (hasFlag(args, 'dF', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--form', '--json')) return assess('write', 'curl sends data (POST)');
  if (hasFlag(args, 'oO', '--output', '--remote-name', '--remote-name-all') && optionValue(args, '-o', '--output') !== '-') return assess('write', 'curl downloads to a file');
  return assess('read', 'curl fetches a URL');
}

function wget(args: Args): RiskAssessment {
  const output = optionValue(args, '-O', '--output-document');
  if (output === '-' || /^-q?O-$/.test(args.find((arg) => arg?.startsWith('-') && arg.includes('O-')) ?? '')) return assess('read', 'wget prints a URL');
  if (hasFlag(args, '', '--spider')) return assess('read', 'wget checks a URL');
  if (hasFlag(args, '', '--post-data', '--post-file', '--method')) return assess('write', 'wget sends data');
  return assess('write', 'wget downloads to a file');
}

function rsync(args: Args): RiskAssessment {
  const deleting = hasFlag(args, '', '--del', '--delete', '--delete-before', '--delete-during', '--delete-after', '--delete-delay', '--delete-excluded', '--remove-source-files');
  if (hasFlag(args, 'n', '--dry-run', '--list-only')) return deleting ? assess('write', 'rsync dry run of a sync that deletes') : assess('read', 'rsync dry run');
  if (deleting) return assess('destructive', 'rsync --delete removes files at the destination that the source lacks');
  if (hasFlag(args, 'n', '--dry-run', '--list-only')) return assess('read', 'rsync dry run');
  return assess('write', `rsync copies to ${positionals(args).at(-1) ?? 'a destination'}`);
}

export const networkCommands: Table = {
  curl,
  wget,
  http: (args) => {
    const method = (positionals(args)[0] ?? 'GET').toUpperCase();
    if (method === 'DELETE') return assess('destructive', 'httpie sends DELETE');
    return /^(POST|PUT|PATCH)$/.test(method) ? assess('write', `httpie sends ${method}`) : assess('read', 'httpie request');
  },
  rsync,
  scp: (args) => {
    const destination = positionals(args).at(-1) ?? '';
    return /:\/((etc|bin|sbin|usr|boot|lib|root|var(?!\/tmp))(\/|$)|$)/.test(destination) ? assess('destructive', `scp overwrites system files at ${destination}`) : assess('write', `scp copies to ${destination || 'a remote'}`);
  },
  sftp: () => assess('write', 'sftp session'),
  'ssh-add': (args) => (hasFlag(args, 'lL') ? assess('read', 'lists the keys in the SSH agent') : hasFlag(args, 'dDx') ? assess('destructive', 'ssh-add removes keys from the agent or locks it') : assess('write', 'ssh-add adds a key to the agent')),
  ftp: () => assess('write', 'ftp session'),
  nc: (args) => (hasFlag(args, 'lec', '--listen', '--exec', '--sh-exec') ? assess('destructive', 'netcat listens or runs a program for the network') : hasFlag(args, 'z') ? assess('read', 'netcat checks whether a port is open') : assess('write', 'netcat sends data')),
  ncat: (args) => networkCommands.nc!(args, 'nc'),
  netcat: (args) => networkCommands.nc!(args, 'nc'),
  socat: (args) => (/exec:|system:/i.test(args.join(' ')) ? assess('destructive', 'socat runs a program for the network') : assess('write', 'socat relays data')),
  telnet: () => assess('write', 'telnet session'),
  // Legacy clear-text remote tools: whatever they carry is readable on the way, and they carry anything.
  tftp: () => assess('destructive', 'tftp moves files with no authentication'),
  finger: () => assess('destructive', 'finger sends the name it looks up to another host'),
  rlogin: () => assess('destructive', 'rlogin opens a clear-text remote session'),
  rsh: () => assess('destructive', 'rsh runs a command on another host in clear text'),
  rexec: () => assess('destructive', 'rexec runs a command on another host in clear text'),
  sshfs: () => assess('write', 'sshfs mounts a remote host\'s files here'),
  nmap: () => assess('write', 'nmap scans the network'),
};
