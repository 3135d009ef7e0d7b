import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasFlag, optionValue, positionals } from '../command-args';
import type { Table } from './classifier';

function curl(args: Args): RiskAssessment {
  const text = args.join(' ');
  const method = (optionValue(args, '-X', '--request') ?? '').toUpperCase();
  if (method === 'DELETE') return assess('destructive', 'curl sends DELETE');
  if (/(^|\s)(-T|--upload-file)\b/.test(text) || /@\/?(etc|root|home|~)/.test(text) && /(-d|--data|-F|--form)/.test(text)) return assess('destructive', 'curl uploads local files');
  const url = positionals(args).find((arg) => /^\w+:\/\/|^:\d+/.test(arg)) ?? '';
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
  const deleting = hasFlag(args, '', '--delete', '--delete-before', '--delete-during', '--delete-after', '--delete-excluded', '--remove-source-files');
  if (hasFlag(args, 'n', '--dry-run', '--list-only')) return deleting ? assess('write', 'rsync dry run of a sync that deletes') : assess('read', 'rsync dry run');
  if (hasFlag(args, '', '--delete', '--delete-before', '--delete-during', '--delete-after', '--delete-excluded', '--remove-source-files')) return assess('destructive', 'rsync --delete removes files at the destination that the source lacks');
  if (hasFlag(args, 'n', '--dry-run', '--list-only')) return assess('read', 'rsync dry run');
  return assess('write', `rsync copies to ${positionals(args).at(-1) ?? 'a destination'}`);
}

export const networkCommands: Table = {
  curl,
  wget,
  http: (args) => (/^(GET|HEAD)$/i.test(positionals(args)[0] ?? 'GET') || !/^(POST|PUT|PATCH|DELETE)$/i.test(positionals(args)[0] ?? '') ? assess('read', 'httpie request') : assess('write', 'httpie request with a body')),
  rsync,
  scp: (args) => {
    const destination = positionals(args).at(-1) ?? '';
    return /:\/(etc|bin|sbin|usr|boot|lib|root)(\/|$)/.test(destination) ? assess('destructive', `scp overwrites system files at ${destination}`) : assess('write', `scp copies to ${destination || 'a remote'}`);
  },
  sftp: () => assess('write', 'sftp session'),
  ftp: () => assess('write', 'ftp session'),
  nc: (args) => (hasFlag(args, 'lez', '--listen', '--exec') ? assess('destructive', 'netcat listens or runs a program for the network') : assess('write', 'netcat sends data')),
  ncat: (args) => networkCommands.nc!(args, 'nc'),
  netcat: (args) => networkCommands.nc!(args, 'nc'),
  socat: (args) => (/exec:|system:/i.test(args.join(' ')) ? assess('destructive', 'socat runs a program for the network') : assess('write', 'socat relays data')),
  telnet: () => assess('write', 'telnet session'),
  nmap: () => assess('write', 'nmap scans the network'),
};
