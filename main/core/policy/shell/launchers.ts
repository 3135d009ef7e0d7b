import { assess, combine, isAbove, maxRisk, type Risk, type RiskAssessment, riskLevels, riskRank } from '../risk';
import { type Args, positionals } from './command-args';
import { injectingVariable } from './injecting-variables';

/** What a launcher needs from the analyzer: classify a command it runs, or shell code it is given. */
export interface Analysis {
  classify(name: string, args: Args, depth: number): RiskAssessment;
  /** Shell code run as such (`sh -c`, `eval`, `watch`): at least write, and as risky as what it says. */
  code(text: string | null | undefined, depth: number, how: string): RiskAssessment;
  /** Shell text whose risk is only its own (it may be read). */
  text(text: string, depth: number): RiskAssessment;
}

/** Commands that run nothing of what their arguments say: safe to feed arbitrary words (xargs, parallel). */
const inertWithAnyArguments = /^(echo|printf|wc|basename|dirname|stat|du|ls|file|test|true|false|realpath|readlink|md5sum|sha1sum|sha256sum|sha512sum|head|tail|cat|grep|egrep|fgrep|rg)$/;

/**
 * Commands that run another command (sudo, env, nice, xargs, watch, flock, nsenter…), shell
 * builtins that store code for later (trap, alias, mapfile -C) and editors that run what they are
 * told. Returns null for anything else.
 */
export function classifyLauncher(name: string, args: Args, depth: number, analysis: Analysis): RiskAssessment | null {
  const inner = (from: number): RiskAssessment => (args[from] === undefined ? assess('read', `${name} alone`) : args[from] === null ? assess('destructive', `${name} runs a command named at run time`) : analysis.classify(args[from]!, args.slice(from + 1), depth + 1));
  const firstCommandAfter = (skipValues: RegExp): number => {
    let i = 0;
    while (i < args.length && (args[i] ?? '').startsWith('-') && args[i] !== '--') i += skipValues.test(args[i] ?? '') ? 2 : 1;
    return args[i] === '--' ? i + 1 : i;
  };
  switch (name) {
    case 'sudo':
    case 'doas':
    case 'run0':
    case 'pkexec': {
      const start = firstCommandAfter(/^-(u|g|h|p|C|D|r|t|U|T)$|^--(user|group|host|prompt|chdir)$/);
      if (args[start] === undefined) return assess('critical', `${name} opens a root shell`);
      return escalate(inner(start), `runs as root (${name})`);
    }
    case 'su':
    case 'runuser':
      return args.includes('-c') ? escalate(analysis.code(args[args.indexOf('-c') + 1], depth, `${name} -c`), `runs as another user (${name})`) : assess('critical', `${name} opens a shell as another user`);
    case 'env':
      return env(args, depth, analysis);
    case 'nice':
    case 'ionice':
      return inner(firstCommandAfter(/^-(n|c|p)$/));
    case 'chrt':
    case 'taskset':
      // The first word is the priority or CPU mask, then the command.
      return args.includes('-p') ? assess('write', `${name} changes a running process`) : inner(firstCommandAfter(/^-(c)$/) + 1);
    case 'nohup':
    case 'time':
    case 'exec':
    case 'builtin':
    case 'setsid':
    case 'unbuffer':
    case 'stdbuf':
    case 'caffeinate':
    case 'strace':
    case 'ltrace':
    case 'command':
      if (name === 'command' && (args[0] === '-v' || args[0] === '-V')) {
        return args.length > 2 ? assess('write', 'command -v with a whole command line after it') : assess('read', 'looks up a command');
      }
      return inner(firstCommandAfter(/^-(o|e|p|s|i|u)$/));
    case 'timeout':
    case 'gtimeout':
      return inner(firstCommandAfter(/^-(s|k)$|^--(signal|kill-after)$/) + 1);
    case 'watch': {
      // watch hands its words to `sh -c` unless -x: the joined text is shell code.
      const start = firstCommandAfter(/^-(n|d|q)$|^--(interval|differences|equexit)$/);
      if (args.some((arg) => arg === '-x' || arg === '--exec')) return inner(start);
      const words = args.slice(start);
      return words.some((word) => word === null) ? assess('destructive', 'watch runs a command built at run time') : analysis.text(words.join(' '), depth + 1);
    }
    case 'flock': {
      const c = args.findIndex((arg) => arg === '-c' || arg === '--command');
      if (c >= 0) return analysis.code(args[c + 1], depth, 'flock -c');
      return inner(firstCommandAfter(/^-(w|E|-timeout|-conflict-exit-code)$/) + 1);
    }
    case 'script': {
      const c = args.findIndex((arg) => arg === '-c' || arg === '--command');
      if (c < 0) return assess('destructive', 'script starts a shell whose commands Reign cannot see');
      return combine([analysis.code(args[c + 1], depth, 'script -c'), assess('write', 'script records the session to a file')]);
    }
    case 'systemd-run': {
      const start = firstCommandAfter(/^-(u|p|E|M|H|G|d|t|P|q|r|S)$|^--(unit|property|setenv|uid|gid|description|slice|nice|working-directory|machine|host|on-active|on-boot|on-startup|on-unit-active|on-unit-inactive|on-calendar|timer-property|path-property|socket-property|service-type)$/);
      const later = args.some((arg) => arg !== null && /^--on-/.test(arg));
      const ran = escalate(inner(start), 'systemd-run runs it as a system service (root unless --user)');
      return later ? combine([ran, assess('critical', 'systemd-run schedules it to run later (a timer): persistence')]) : ran;
    }
    case 'sg':
    case 'newgrp':
      return args.length > 1 ? escalate(analysis.code(args.slice(1).join(' '), depth, name), `${name} runs it with another group`) : assess('destructive', `${name} starts a shell with another group`);
    case 'run-parts':
      return assess('destructive', `run-parts runs every program in ${positionals(args)[0] ?? 'a folder'}`);
    case 'openvt':
    case 'nsenter':
    case 'unshare':
    case 'chroot':
    case 'setpriv':
    case 'capsh': {
      const start = name === 'chroot' ? firstCommandAfter(/^--(userspec|groups)$/) + 1 : firstCommandAfter(/^-(t|S|G|w|r|-target|-setuid|-setgid|-wd|-root|-reuid|-regid|-groups|-inh-caps|-ambient-caps|-bounding-set)$/);
      if (args[start] === undefined || (name === 'capsh' && !args.includes('--'))) return assess('critical', `${name} opens a shell in another namespace or with other privileges`);
      return escalate(inner(start), `${name} runs it in other namespaces or with other privileges`);
    }
    case 'xargs':
    case 'parallel':
      return manyTimes(name, args, depth, analysis, firstCommandAfter(/^-(I|i|n|P|L|l|d|s|E|e|a|j|S|-delimiter|-max-args|-max-procs|-arg-file|-jobs)$/));
    case 'eval':
      return analysis.code(args.some((arg) => arg === null) ? null : args.join(' '), depth, 'eval');
    case 'trap': {
      const action = args[0];
      if (action === undefined || action === '-l' || action === '-p' || action === '-' || action === '' || positionals(args).length < 2) return assess('read', 'lists or resets traps');
      return analysis.code(action, depth, 'trap (runs it when the shell gets the signal)');
    }
    case 'alias': {
      const definitions = args.filter((arg) => arg === null || arg.includes('='));
      if (!definitions.length) return assess('read', 'lists aliases');
      return combine(definitions.map((definition) => analysis.code(definition === null ? null : definition.slice(definition.indexOf('=') + 1), depth, 'alias (a later command of that name runs it)')));
    }
    case 'mapfile':
    case 'readarray': {
      const c = args.indexOf('-C');
      return c >= 0 ? analysis.code(args[c + 1], depth, `${name} -C (runs it for every line read)`) : assess('read', `${name} reads lines into a variable`);
    }
    case 'vi':
    case 'vim':
    case 'nvim':
    case 'view':
    case 'ex':
    case 'emacs':
    case 'nano':
    case 'ed':
    case 'mg':
      return args.some((arg) => arg === null || /^(-c|--cmd|-S|-u|--eval|--load|-l|-x|--exec)$|^\+./.test(arg))
        ? assess('destructive', `${name} is told to run editor commands, which can run programs`)
        : assess('write', `${name} edits files`);
    default:
      return null;
  }
}

/** `env [-i] [-u NAME] [NAME=value]… [-S 'command'] [command…]`: the variables and the command it runs. */
function env(args: Args, depth: number, analysis: Analysis): RiskAssessment {
  const parts: RiskAssessment[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === null) return combine([...parts, assess('destructive', 'env is given words known only at run time')]);
    if (arg === undefined || arg === '--') { i += arg === '--' ? 1 : 0; break; }
    if (/^(-S|--split-string)$/.test(arg) || arg.startsWith('--split-string=') || (arg.startsWith('-S') && arg.length > 2)) {
      // -S splits one string into the command and its arguments: read it as shell words.
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg.length > 2 && !arg.startsWith('--') ? arg.slice(2) : args[++i];
      const rest = args.slice(i + 1);
      if (value === null || value === undefined || rest.some((word) => word === null) || /\$\{|\\c/.test(value)) return combine([...parts, assess('destructive', 'env -S runs a command line built at run time')]);
      return combine([...parts, analysis.text([value, ...rest].join(' '), depth + 1)]);
    }
    if (/^-(u|C)$|^--(unset|chdir)$/.test(arg)) { i++; continue; }
    if (arg.startsWith('-')) continue;
    const at = arg.indexOf('=');
    if (at <= 0) break;
    parts.push(variableRisk(arg.slice(0, at), arg.slice(at + 1)));
  }
  const command = args[i];
  if (command === undefined) return combine([...parts, assess('read', 'prints the environment')]);
  if (command === null) return combine([...parts, assess('destructive', 'env runs a command named at run time')]);
  return combine([...parts, analysis.classify(command, args.slice(i + 1), depth + 1)]);
}

/** The risk of `NAME=value` before a command or given to env: code injection, a new target, or plain data. */
export function variableRisk(name: string, value: string | null): RiskAssessment {
  if (name === 'IFS') return assess('read', 'sets the field separator');
  const injecting = injectingVariable(name);
  if (!injecting) return assess('read', `sets ${name}`);
  return assess(injecting.retargets ? 'write' : 'destructive', `sets ${name}, which ${injecting.why}${value ? ` (${value.slice(0, 60)})` : ''}`);
}

/** xargs and parallel run a command once per input line, with words from the input it cannot see. */
function manyTimes(name: string, args: Args, depth: number, analysis: Analysis, start: number): RiskAssessment {
  const innerArgs = name === 'parallel' && args.includes(':::') ? args.slice(0, args.indexOf(':::')) : args;
  const command = innerArgs[start];
  if (command === undefined) return assess('write', `${name} runs echo on its input`);
  if (command === null) return assess('destructive', `${name} runs a command named at run time`);
  // GNU parallel joins its words into a shell command line; xargs runs the command directly.
  const ran = name === 'parallel' ? analysis.text(innerArgs.slice(start).map((word) => word ?? 'X').join(' '), depth + 1) : analysis.classify(command, [...innerArgs.slice(start + 1), null], depth + 1);
  const floor = inertWithAnyArguments.test(command.split('/').pop() ?? '') ? 'read' : 'write';
  return combine([ran, assess(maxRisk(floor, ran.risk), `${name} runs ${command} once per input line, with arguments from its input`)]);
}

export function escalate(inner: RiskAssessment, reason: string): RiskAssessment {
  const raised: Risk = riskLevels[Math.min(riskRank(inner.risk) + 1, riskLevels.length - 1)]!;
  const risk = isAbove(raised, 'write') || inner.risk !== 'read' ? raised : 'write';
  return { risk, reasons: [...inner.reasons, reason] };
}
