import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasFlag, optionValue, positionals, sub } from '../command-args';
import type { Classifier, Table } from './classifier';

/**
 * Commands that usually only look, with the options that make them write files, run programs or
 * change the machine. Listed here, they are read only when none of those options is present.
 */
const unlessOption = (risk: 'write' | 'destructive', why: string, test: (args: Args) => boolean): Classifier => (args, name) =>
  args.some((arg) => arg === null) && risk === 'write' ? assess('write', `${name} is given options known only at run time`) : test(args) ? assess(risk, `${name} ${why}`) : assess('read', `${name} only reads`);

const option = (...names: string[]) => (args: Args) => args.some((arg) => arg !== null && names.some((name) => arg === name || arg.startsWith(`${name}=`) || (/^-[A-Za-z]$/.test(name) && arg.startsWith(name) && !arg.startsWith('--'))));
const subcommandOtherThan = (reading: RegExp) => (args: Args) => positionals(args).length > 0 && !reading.test(sub(args));

/** awk programs: system(), pipes to and from commands and @load run code; `print > file` writes. */
function awk(args: Args, name: string): RiskAssessment {
  if (args.some((arg) => arg === null)) return assess('write', `${name} runs a program known only at run time`);
  if (hasFlag(args, 'f', '--file') || args.some((arg) => arg?.startsWith('--exec'))) return assess('write', `${name} runs a program from a file`);
  const program = optionValue(args, '--source') ?? positionals(args.filter((_arg, index) => !/^-[vF]$/.test(args[index - 1] ?? '')))[0] ?? '';
  if (/\bsystem\s*\(|\|\s*&|\|\s*getline|"[^"]*"\s*\|\s*getline|\b(print|printf)\b[^;}]*\|\s*["\w]|@load|@include|\bextension\s*\(/.test(program)) return assess('destructive', `${name} program runs commands: ${program.slice(0, 60)}`);
  if (/\b(print|printf)\b[^;}]*>/.test(program) || /\bfflush\b/.test(program)) return assess('write', `${name} program writes to files`);
  return assess('read', `${name} filters text`);
}

export const lookingCommands: Table = {
  awk,
  gawk: awk,
  mawk: awk,
  nawk: awk,
  sort: unlessOption('write', 'writes its result to a file (-o)', option('-o', '--output', '--compress-program')),
  // uniq INPUT OUTPUT overwrites OUTPUT.
  uniq: unlessOption('write', 'writes its result to the file it is given as output', (args) => positionals(args.filter((_arg, index) => !/^-[fsw]$/.test(args[index - 1] ?? ''))).length > 1),
  tree: unlessOption('write', 'writes its listing to a file (-o)', option('-o')),
  yq: unlessOption('write', 'edits the file in place (-i)', option('-i', '--inplace')),
  xxd: unlessOption('write', 'writes the file named as its output', (args) => positionals(args.filter((_arg, index) => !/^-[cglos]$/.test(args[index - 1] ?? ''))).length > 1),
  file: unlessOption('write', 'compiles a magic file (-C)', option('-C', '--compile')),
  less: unlessOption('write', 'writes a log file or reads key bindings that can run commands', option('-o', '-O', '--log-file', '--LOG-FILE', '-k', '--lesskey-file', '--lesskey-src', '--lesskey-content')),
  more: unlessOption('write', 'runs commands it is given', (args) => args.some((arg) => arg?.startsWith('+') && arg.includes('!'))),
  bat: unlessOption('destructive', 'runs the pager it is given', option('--pager')),
  date: unlessOption('destructive', 'sets the system clock', (args) => option('-s', '--set')(args) || positionals(args).some((word) => /^\d{8,12}(\.\d\d)?$/.test(word))),
  hostnamectl: unlessOption('destructive', 'changes the host name or machine settings', subcommandOtherThan(/^(status|hostname)$/)),
  timedatectl: unlessOption('destructive', 'changes the clock, time zone or time sync', subcommandOtherThan(/^(status|show|list-timezones|timesync-status|show-timesync)$/)),
  localectl: unlessOption('write', 'changes the locale or keyboard', subcommandOtherThan(/^(status|list-.*)$/)),
  loginctl: unlessOption('destructive', 'ends sessions or changes users', subcommandOtherThan(/^(list-.*|show-.*|session-status|user-status|seat-status)$/)),
  resolvectl: unlessOption('write', 'changes DNS settings', subcommandOtherThan(/^(status|query|service|statistics|dns|domain|monitor|show-cache|show-server-state|log-level)$/)),
  // Removing logs hides what happened: destructive, as the review asks for log tampering.
  journalctl: unlessOption('destructive', 'removes or rotates the journal', option('--vacuum-size', '--vacuum-time', '--vacuum-files', '--rotate', '--flush', '--relinquish-var', '--setup-keys', '--sync')),
  dmesg: unlessOption('destructive', 'clears or changes the kernel log', option('-c', '-C', '--clear', '--read-clear', '-D', '-E', '--console-off', '--console-on', '-n', '--console-level')),
  history: unlessOption('destructive', 'erases or rewrites the shell history', option('-c', '-d', '-w', '-a', '-r', '-n', '-s')),
  fc: unlessOption('write', 'runs commands again from the history', (args) => !option('-l')(args)),
  route: (args, name) => (/^(del|delete|flush)$/.test(sub(args)) ? assess('destructive', 'route deletes routes') : sub(args) === 'add' ? assess('write', 'route adds a route') : assess('read', `${name} shows the routing table`)),
  arp: unlessOption('write', 'changes the ARP table', option('-s', '-d', '--set', '--delete', '-f', '--file')),
  'nvidia-smi': unlessOption('write', 'changes GPU settings', option('-r', '--gpu-reset', '-pm', '-pl', '-e', '-c', '-ac', '-rac', '-lgc', '-rgc', '--persistence-mode', '--power-limit', '--compute-mode')),
  ncdu: unlessOption('write', 'writes its scan to a file (-o)', option('-o')),
  hash: unlessOption('destructive', 'makes a command name run another program (hash -p)', option('-p')),
  enable: unlessOption('destructive', 'loads a builtin from a shared library (enable -f) or turns builtins off', option('-f', '-n', '-d')),
};
