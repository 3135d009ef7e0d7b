import { assess, combine, type RiskAssessment } from '../../risk';
import { type Args, hasFlag, optionValue, positionals } from '../command-args';
import { isTemporaryPath, sensitivePath, type Table } from './classifier';
import { protectedFile } from '../../sensitive-files';
import { sedScriptRisk } from './sed-script';

function removal(args: Args, what: string): RiskAssessment {
  const targets = positionals(args);
  const recursive = hasFlag(args, 'rR', '--recursive');
  if (!targets.length && hasFlag(args, '', '--version', '--help')) return assess('read', `${what} --help/--version`);
  const parts = targets.map((target) => {
    if (isTemporaryPath(target)) return assess('write', `${what} temporary files ${target}`);
    const where = sensitivePath(target);
    if (where === 'root') return assess('critical', `${what} ${target === '.' || target === '*' ? 'everything in the current folder' : target}${recursive ? ' recursively' : ''}`);
    if (where === 'system') return assess(recursive ? 'critical' : 'destructive', `${what} system path ${target}${recursive ? ' recursively' : ''}`);
    if (where === 'home') return assess(recursive ? 'critical' : 'destructive', `${what} ${recursive ? 'files recursively under' : ''} ${target}`.replace(/\s+/g, ' '));
    return assess('destructive', `${what} ${recursive ? 'recursively ' : ''}${target}`);
  });
  if (args.some((arg) => arg === null)) parts.push(assess('destructive', `${what} paths known only at run time`));
  return parts.length ? combine(parts) : assess('destructive', `${what} files`);
}

const diskDevice = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|mapper|md|dm-|loop|rdisk)/;

function ownership(args: Args, name: string): RiskAssessment {
  const recursive = hasFlag(args, 'R', '--recursive');
  const words = positionals(args);
  // chmod's first word is the mode unless it does not look like one (`chmod -R /`).
  const hasMode = name !== 'chmod' || /^([0-7]{3,4}|[ugoa]*[-+=][rwxXstugo]*(,[ugoa]*[-+=][rwxXstugo]*)*)$/.test(words[0] ?? '');
  const targets = hasMode ? words.slice(1) : words;
  if (name === 'chmod' && /^[2-7][0-7]{3}$|u\+s|g\+s/.test(words[0] ?? '')) return assess('destructive', `chmod ${words[0]} sets setuid/setgid on ${targets.join(' ')}`);
  const system = targets.find((target) => sensitivePath(target) !== null);
  if (system && recursive) return assess('critical', `${name} -R on ${system}`);
  if (system) return assess('destructive', `${name} on ${system}`);
  if (/^0?777$|a\+rwx/.test(words[0] ?? '') && recursive) return assess('destructive', `${name} makes files writable by everyone, recursively`);
  return assess('write', `changes ${name === 'chmod' ? 'permissions' : 'ownership'} of ${targets.join(' ') || 'files'}`);
}

function copyOrMove(args: Args, name: string): RiskAssessment {
  const targets = positionals(args);
  const destination = targets.at(-1) ?? '';
  if (destination === '/dev/null' && name === 'mv') return assess('destructive', `moves ${targets[0]} to /dev/null (deletes it)`);
  if (diskDevice.test(destination)) return assess('critical', `writes onto disk device ${destination}`);
  const runsLater = protectedFile(destination);
  if (runsLater) return assess('destructive', `${name === 'mv' ? 'moves' : 'copies'} files onto ${destination}: ${runsLater}`);
  const where = sensitivePath(destination);
  if (where === 'system') return assess('destructive', `${name === 'mv' ? 'moves' : 'copies'} files into system path ${destination}`);
  if (name === 'mv' && targets.some((target) => sensitivePath(target) === 'root' || sensitivePath(target) === 'system')) return assess('critical', `moves ${targets[0]} away`);
  return assess('write', `${name === 'mv' ? 'moves' : 'copies'} ${targets.slice(0, -1).join(' ')} to ${destination}${hasFlag(args, 'f', '--force') ? ', overwriting' : ''}`);
}

/** sed is a filter unless its script runs commands or writes files, or it edits in place. */
function sed(args: Args): RiskAssessment {
  if (args.some((arg) => arg === null)) return assess('write', 'sed is given a script or options known only at run time');
  const scripts: string[] = [];
  let fromFile = false;
  let sandbox = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-e' || arg === '--expression') scripts.push(args[++i] ?? '');
    else if (arg.startsWith('--expression=')) scripts.push(arg.slice(13));
    else if (arg === '-f' || arg === '--file' || arg.startsWith('--file=')) { fromFile = true; if (!arg.includes('=')) i++; }
    else if (arg === '--sandbox') sandbox = true;
    else if (arg === '-l' || arg === '--line-length') i++;
    else if (!arg.startsWith('-') || arg === '-') words.push(arg);
  }
  if (!scripts.length && !fromFile && words.length) scripts.push(words.shift()!);
  const parts = scripts.map(sedScriptRisk);
  if (fromFile) parts.push(assess('write', 'sed runs a script from a file'));
  if (hasFlag(args, 'i', '--in-place')) {
    const runsLater = words.map(protectedFile).find(Boolean);
    parts.push(assess(runsLater ? 'destructive' : 'write', `edits ${words.join(' ')} in place${runsLater ? `: ${runsLater}` : ''}`));
  }
  const result = combine(parts.length ? parts : [assess('read', 'sed filters text')]);
  return sandbox && result.risk !== 'read' && !hasFlag(args, 'i', '--in-place') && !fromFile ? assess('read', 'sed --sandbox refuses to run commands or write files') : result;
}

/** mkfs and parted on a device erase it; on an image file in a temporary or project folder they rewrite that file. */
function formatting(args: Args, what: string): RiskAssessment {
  const target = positionals(args).at(-1) ?? '';
  if (target && !target.startsWith('/dev/') && (isTemporaryPath(target) || (!target.startsWith('/') && !sensitivePath(target))) && /\.(img|iso|raw|bin|qcow2|vhd|disk)$/.test(target)) return assess('write', `${what} the image file ${target}`);
  return assess('critical', `${what} ${target || 'a device'} (erases everything on it)`);
}

export const fileCommands: Table = {
  rm: (args) => removal(args, 'removes'),
  unlink: (args) => removal(args, 'removes'),
  rmdir: (args) => assess('write', `removes empty folder ${positionals(args).join(' ')}`),
  shred: (args) => combine([removal(args, 'shreds'), assess('destructive', 'overwrites file contents so they cannot be recovered')]),
  srm: (args) => removal(args, 'securely removes'),
  wipe: (args) => removal(args, 'wipes'),
  truncate: (args) => assess('destructive', `truncates ${positionals(args).join(' ')}`),
  dd: (args) => {
    const output = args.find((arg) => arg?.startsWith('of='))?.slice(3);
    const input = args.find((arg) => arg?.startsWith('if='))?.slice(3) ?? '';
    if (output && diskDevice.test(output)) return assess('critical', `dd writes raw data onto disk device ${output}`);
    if (output && (sensitivePath(output) || /^\/dev\//.test(output))) return assess('critical', `dd overwrites ${output}`);
    // Filling a file from /dev/zero or /dev/urandom wipes it; copying data into a file is a copy.
    if (output && /^\/dev\/(zero|u?random)$/.test(input)) return assess('destructive', `dd overwrites ${output} with ${input}`);
    if (output) return assess(protectedFile(output) ? 'destructive' : 'write', `dd writes ${output}`);
    return assess('write', 'dd copies raw data');
  },
  mv: (args) => copyOrMove(args, 'mv'),
  cp: (args) => copyOrMove(args, 'cp'),
  install: (args) => copyOrMove(args, 'cp'),
  ln: (args) => assess('write', `creates a link ${positionals(args).join(' → ')}`),
  mkdir: (args) => assess('write', `creates folder ${positionals(args).join(' ')}`),
  touch: (args) => assess('write', `creates or touches ${positionals(args).join(' ')}`),
  tee: (args) => {
    const target = positionals(args)[0] ?? '';
    const runsLater = positionals(args).map(protectedFile).find(Boolean);
    if (runsLater) return assess('destructive', `tee writes ${positionals(args).join(' ')}: ${runsLater}`);
    return sensitivePath(target) === 'system' ? assess('critical', `tee writes into system file ${target}`) : assess('write', `tee writes ${positionals(args).join(' ') || 'to stdout'}`);
  },
  chmod: (args) => ownership(args, 'chmod'),
  chown: (args) => ownership(args, 'chown'),
  chgrp: (args) => ownership(args, 'chgrp'),
  chattr: (args) => assess('destructive', `changes file attributes of ${positionals(args).slice(1).join(' ')}`),
  setfacl: (args) => assess('write', 'changes file ACLs'),
  sed,
  perl: (args) => (hasFlag(args, 'i') ? assess('write', 'perl edits files in place') : assess('write', 'runs perl code')),
  tar: (args) => {
    const runs = args.find((arg) => arg !== null && /^(--checkpoint-action=.*exec|--to-command|--use-compress-program|-I$|--rsh-command|--rmt-command|--info-script|--new-volume-script|-F$)/.test(arg));
    if (runs) return assess('destructive', `tar ${runs.split('=')[0]} runs a program it is given`);
    if (args.some((arg) => arg === null)) return assess('write', 'tar is given options known only at run time');
    const mode = (args.find((arg) => arg && /^-?[A-Za-z]+$/.test(arg)) ?? '').replace(/^-/, '');
    if (/t/.test(mode) || hasFlag(args, '', '--list')) return assess('read', 'lists an archive');
    if (/x/.test(mode) || hasFlag(args, '', '--extract')) {
      const dir = optionValue(args, '-C', '--directory');
      return dir && sensitivePath(dir) ? assess('destructive', `extracts an archive over ${dir}`) : assess('write', 'extracts an archive, possibly overwriting files');
    }
    return assess('write', 'creates an archive');
  },
  zip: () => assess('write', 'creates an archive'),
  unzip: (args) => (hasFlag(args, 'lv') ? assess('read', 'lists an archive') : assess('write', 'extracts an archive, possibly overwriting files')),
  gzip: (args) => (hasFlag(args, 'cl', '--stdout', '--list') ? assess('read', 'compresses to stdout') : assess('write', 'compresses files in place')),
  gunzip: (args) => (hasFlag(args, 'cl', '--stdout', '--list') ? assess('read', 'decompresses to stdout') : assess('write', 'decompresses files in place')),
  split: (args) => assess('write', 'splits a file into pieces'),
  mkfs: (args) => formatting(args, 'formats a filesystem'),
  mkswap: () => assess('critical', 'formats a swap area'),
  wipefs: () => assess('critical', 'erases filesystem signatures'),
  fdisk: (args) => (hasFlag(args, 'l', '--list') ? assess('write', 'reads the partition table of a raw disk device (needs root)') : assess('critical', 'edits a partition table')),
  sfdisk: (args) => (hasFlag(args, 'l', '--list', '--dump') ? assess('read', 'lists partitions') : assess('critical', 'writes a partition table')),
  gdisk: () => assess('critical', 'edits a partition table'),
  sgdisk: (args) => (hasFlag(args, 'p', '--print') ? assess('read', 'prints partitions') : assess('critical', 'edits a partition table')),
  parted: (args) => (/(^|\s)(print|p)(\s|$)/.test(args.join(' ')) && !/mklabel|rm|mkpart|resizepart/.test(args.join(' ')) ? assess('read', 'prints partitions') : formatting(args, 'edits the partition table of')),
  cryptsetup: (args) => (/status|isLuks|luksDump/.test(args.join(' ')) ? assess('write', 'inspects disk encryption headers (needs root)') : assess('critical', 'changes disk encryption (can make data unreadable)')),
  blkdiscard: () => assess('critical', 'discards every block on a device'),
  hdparm: (args) => (hasFlag(args, '', '--security-erase', '--security-erase-enhanced', '--trim-sector-ranges') ? assess('critical', 'erases a disk') : assess('write', 'changes disk parameters')),
  blockdev: (args) => (hasFlag(args, '', '--getsize64', '--getsz', '--report', '--getro') ? assess('write', 'queries a raw disk device (needs root)') : assess('destructive', 'changes block device settings')),
  lvremove: () => assess('critical', 'removes a logical volume'),
  vgremove: () => assess('critical', 'removes a volume group'),
  pvremove: () => assess('critical', 'removes a physical volume'),
  lvreduce: () => assess('critical', 'shrinks a logical volume (data past the new end is lost)'),
  zpool: (args) => (/^(list|status|iostat|get|history)$/.test(positionals(args)[0] ?? '') ? assess('read', 'shows ZFS pools') : /destroy|labelclear/.test(args.join(' ')) ? assess('critical', 'destroys a ZFS pool') : assess('write', 'changes ZFS pools')),
  zfs: (args) => (/^(list|get)$/.test(positionals(args)[0] ?? '') ? assess('read', 'shows ZFS datasets') : /destroy|rollback/.test(args.join(' ')) ? assess('critical', 'destroys or rolls back ZFS datasets') : assess('write', 'changes ZFS datasets')),
};
