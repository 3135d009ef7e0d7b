import { assess, type RiskAssessment } from '../risk';
import { credentialStore } from '../sensitive-files';
import type { Args } from './command-args';

/** Every simple command and redirect one command line contains, nested code (`sh -c`, `$(…)`) included. */
export interface Trace {
  readonly commands: { readonly name: string; readonly rawName: string; readonly args: Args }[];
  readonly redirects: { readonly operator: string; readonly target: string | null }[];
  /** Text echoed or printed into a file (`echo '/bin/sh' > f`). */
  readonly writes: { readonly target: string; readonly content: string }[];
}

const programMarkers = /(^|[\s'"(])\/(usr\/)?bin\/(ba|z|da|k)?sh\b|\bexec\s|\bsystem\s*\(|esyscmd|execute_process|popen/;
/** In text written to a file, `$(…)` and `#!` are code too (single-quoted, they were not expanded on the way). */
const codeMarkers = new RegExp(`${programMarkers.source}|\\$\\(|\`|^#!`);

const shellOrInterpreter = /^(sh|bash|zsh|dash|ksh|ash|fish|csh|tcsh|python[\d.]*|python|perl|ruby|node|php|lua|tclsh|wish|expect|busybox)$/;
const networkClients = /^(curl|wget|nc|ncat|netcat|socat|telnet|ssh|scp|sftp|rsync|ftp|tftp|smbclient|mail|mailx|sendmail|mutt|openssl|dig|host|nslookup|ping|ab|hping3|finger|rlogin|whois|aria2c|http|https|lwp-request|fetch)$/;
const secretVariable = /\$\{?\w*(SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)\w*\}?/i;
const socketCode = /socket|fsockopen|TCPSocket|net\.connect|createConnection|Socket\(|\/dev\/tcp|IO::Socket|ztcp/i;
const processCode = /subprocess|\bexec|spawn|popen|system\s*\(|\bpty\b|dup2|child_process|\/bin\/(ba)?sh|proc_open|shell_exec|passthru|Process\.start/i;
const persistencePath = /(^|\/)\.ssh\/authorized_keys2?$|(^|\/)\.(bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin)$|^\/etc\/(cron|anacrontab|profile|profile\.d\/|bash\.bashrc|rc\.local|ld\.so\.preload|sudoers|systemd\/|init\.d\/)|^\/var\/spool\/cron|(^|\/)\.config\/(systemd|autostart)\/|(^|\/)Library\/Launch(Agents|Daemons)\//;

/**
 * Risks that come from how the parts of a command line connect rather than from any one part:
 * secrets reaching the network (exfiltration), downloaded or decoded code reaching an interpreter
 * (remote code), a shell on a socket (reverse shell), code installed to run later (persistence).
 */
export function flowRisks(trace: Trace, text: string, analyze: (code: string) => RiskAssessment): RiskAssessment[] {
  const risks: RiskAssessment[] = [];
  // A file this command line writes and then runs is as risky as what was written into it;
  // shell code written for another program (AUTOM4TE=f autoconf, neofetch --config f) runs too.
  for (const write of trace.writes) {
    const base = write.target.split('/').pop()!;
    if (trace.commands.some(({ name, args }) => runsFile(name, args, write.target))) {
      const inner = analyze(write.content);
      risks.push(assess(inner.risk === 'read' ? 'write' : inner.risk, `writes ${write.target} and runs it: ${inner.reasons[0] ?? write.content.slice(0, 60)}`));
    } else if (codeMarkers.test(write.content) && text.split(base).length > 2) {
      risks.push(assess('destructive', `writes shell code into ${write.target} for another program to run`));
    }
  }
  if (/(^|[;&|]\s*)(echo|printf)\s[^|;&]*\|/.test(text) && trace.writes.length === 0 && programMarkers.test(text.split('|')[0] ?? '') && !/\|\s*(grep|wc|cat|tee|head|tail|sort|less|base64)\b/.test(text)) {
    risks.push(assess('destructive', 'pipes shell code into another program, which runs it'));
  }
  if (trace.commands.some(({ name, args }) => /^(cp|install|ln)$/.test(name) && args.some((arg) => arg !== null && /^\/(usr\/)?bin\/(ba|z|da|k)?sh$/.test(arg)))) risks.push(assess('destructive', 'copies a shell to run it under another name'));
  const names = trace.commands.map((command) => command.name);
  const literal = (args: Args): string[] => args.filter((arg): arg is string => arg !== null);
  const socketRedirect = trace.redirects.find((redirect) => /^\/dev\/(tcp|udp)\//.test(redirect.target ?? ''));

  // Reverse shells: a shell or interpreter whose input and output are a network connection.
  if (socketRedirect && (names.some((name) => shellOrInterpreter.test(name)) || /\bexec\s+\d*<>/.test(text))) risks.push(assess('critical', `connects a shell to ${socketRedirect.target} (a reverse shell)`));
  if (trace.commands.some(({ name, args }) => /^(nc|ncat|netcat)$/.test(name) && literal(args).some((arg) => /^-[a-zA-Z]*[ec]$|^--(exec|sh-exec|lua-exec)/.test(arg)))) risks.push(assess('critical', 'netcat runs a program for whoever connects (a reverse or bind shell)'));
  if (trace.commands.some(({ name, args }) => name === 'socat' && literal(args).some((arg) => /^(exec|system):/i.test(arg)))) risks.push(assess('critical', 'socat connects a program to the network (a reverse or bind shell)'));
  if (names.includes('mkfifo') && names.some((name) => /^(nc|ncat|netcat|telnet|openssl|socat)$/.test(name))) risks.push(assess('critical', 'a named pipe loops a shell through a network connection (a reverse shell)'));
  const inline = trace.commands.flatMap(({ name, args }) => (shellOrInterpreter.test(name) ? literal(args) : []));
  if (inline.some((code) => socketCode.test(code) && processCode.test(code))) risks.push(assess('critical', 'inline code opens a network connection and runs commands (a reverse shell)'));

  // Remote code: what a download or a decoder produces, run by a shell or an interpreter.
  if (/(^|[\s;&|(])(eval|source|\.|sh|bash|zsh|dash|python[\d.]*|perl|ruby|node|php)\s+([^;&|]*\s)?(-c\s+)?["']?(\$\(|`|<\()\s*(curl|wget|fetch|nc|ncat)\b/.test(text)) risks.push(assess('critical', 'runs code it downloads, unseen'));
  if (/(^|[\s;&|(])(eval|source|\.|sh|bash|zsh)\s+([^;&|]*\s)?(-c\s+)?["']?(\$\(|`|<\()[^)`]*(base64\s+(-d|--decode|-D)|xxd\s+-r|\brev\b|openssl\s+(enc|base64)\s+-d|gunzip|printf\s+["']?\\x)/.test(text)) risks.push(assess('critical', 'runs code it decodes first, so what runs cannot be read'));
  const downloaded = trace.commands.flatMap(({ name, args }) => downloadedFiles(name, args));
  const ran = downloaded.find((file) => trace.commands.some(({ name, args }) => runsFile(name, args, file)));
  if (ran) risks.push(assess('critical', `downloads ${ran} and runs it`));

  // Exfiltration: a secret and a network client in one command line.
  // A token in an Authorization header or -u is the request's own credential, not something sent away.
  const withoutAuth = text.replace(/(-H|--header|-u|--user|--oauth2-bearer)(\s+|=)("[^"]*"|'[^']*'|\S+)/g, '');
  const source = trace.commands.map(({ name, args }) => secretSource(name, args)).find(Boolean) ?? (secretVariable.test(withoutAuth) ? `the variable ${secretVariable.exec(withoutAuth)![0]}` : null);
  const sink = trace.commands.find(({ name, args }) => networkClients.test(name) && (name !== 'ssh' || literal(args).length > 0)) ?? (socketRedirect ? { name: socketRedirect.target!, args: [] } : undefined);
  if (source && sink) risks.push(assess('critical', `sends ${source} over the network (${sink.name}): exfiltration`));
  const upload = trace.commands.map(({ name, args }) => uploadedFile(name, args)).find(Boolean);
  if (upload) risks.push(credentialStore(upload) ? assess('critical', `uploads ${upload}, which holds ${credentialStore(upload)}, to another host: exfiltration`) : assess('destructive', `uploads ${upload} to another host`));

  // Persistence: code installed to run later.
  const persisted = trace.redirects.find((redirect) => redirect.operator.includes('>') && persistencePath.test(redirect.target ?? '')) ?? trace.commands.flatMap(({ name, args }) => (/^(tee|cp|mv|install|ln|dd)$/.test(name) ? literal(args).filter((arg) => persistencePath.test(arg.replace(/^of=/, ''))) : [])).map((target) => ({ operator: '>', target }))[0];
  if (persisted) risks.push(assess('critical', `writes ${persisted.target}, which runs or lets someone in later (persistence)`));
  for (const { name, args } of trace.commands) {
    if (name === 'crontab' && !literal(args).some((arg) => /^-[lr]$/.test(arg))) risks.push(assess('critical', 'installs a crontab: commands that run later (persistence)'));
    if ((name === 'at' || name === 'batch') && !literal(args).some((arg) => /^-[lq]$/.test(arg))) risks.push(assess('critical', `${name} schedules a command to run later (persistence)`));
    if (name === 'setcap' || (name === 'chmod' && literal(args).some((arg) => /^[2-7][0-7]{3}$|[ug]\+[rwx]*s|^\+s$/.test(arg)))) risks.push(assess('critical', `${name} gives a program more privileges than its user (setuid or capabilities)`));
  }
  if (trace.commands.some(({ name, args }) => name === 'zmodload' && args.some((arg) => arg !== null && /net\/(tcp|socket)/.test(arg)))) risks.push(assess('destructive', 'zmodload gives the shell raw network connections'));
  if (trace.redirects.some((redirect) => redirect.target === '/proc/sysrq-trigger')) risks.push(assess('critical', 'writes /proc/sysrq-trigger, which can reboot or crash the machine'));
  if (/(^|[\s;&|])(export\s+)?HISTFILE=|unset\s+HISTFILE|set\s+\+o\s+history/.test(text)) risks.push(assess('destructive', 'turns off the shell history (hides what runs)'));
  return risks;
}

/** Where a secret comes from, if this command reads one. */
function secretSource(name: string, args: Args): string | null {
  if (/^(env|printenv)$/.test(name) && !args.some((arg) => arg !== null && !arg.startsWith('-') && !arg.includes('='))) return 'the environment';
  if (/^(set|declare|export)$/.test(name) && (args.length === 0 || args.some((arg) => arg === '-p' || arg === '-x'))) return 'the shell variables';
  // A key file given to an option (`ssh -i key`, `curl --netrc-file f`) authenticates; it is not sent.
  const file = args.find((arg, index): arg is string => arg !== null && !(args[index - 1] ?? '').startsWith('-') && !/\.pub$/.test(arg) && (credentialStore(arg) !== null || /(^|\/)\.(bash|zsh)_history$/.test(arg)));
  return file ?? null;
}

/** The word after the first option matching `flag` (`-o FILE`). */
function valueAfter(words: readonly string[], flag: RegExp): string | undefined {
  const at = words.findIndex((word) => flag.test(word));
  return at < 0 ? undefined : words[at + 1];
}

/** Files a download writes: curl -o F, curl -O URL, wget URL, wget -O F. */
function downloadedFiles(name: string, args: Args): string[] {
  const words = args.filter((arg): arg is string => arg !== null);
  const after = (flag: RegExp): string | undefined => valueAfter(words, flag);
  if (name === 'curl') {
    const output = after(/^(-o|--output)$/) ?? words.find((word) => word.startsWith('--output='))?.slice(9);
    if (output) return [output];
    if (words.some((word) => /^-[a-zA-Z]*O$|^--remote-name$/.test(word))) return words.filter((word) => /^https?:\/\//.test(word)).map((url) => url.split('/').pop() ?? '').filter(Boolean);
  }
  if (name === 'wget') {
    const output = after(/^(-O|--output-document)$/) ?? words.find((word) => word.startsWith('--output-document='))?.slice(18);
    if (output && output !== '-') return [output];
    if (!output) return words.filter((word) => /^(https?|ftp):\/\//.test(word)).map((url) => url.split('/').pop() ?? '').filter(Boolean);
  }
  return [];
}

/** Whether this command runs (or makes runnable and runs) the file. */
function runsFile(name: string, args: Args, file: string): boolean {
  const base = file.split('/').pop()!;
  const same = (word: string | null): boolean => word !== null && (word === file || word === `./${base}` || word.split('/').pop() === base);
  if (same(name) || name === base) return true;
  if (shellOrInterpreter.test(name) || /^(source|\.|chmod)$/.test(name)) return args.some(same);
  return false;
}

/** A local file sent by an upload option of a tool that is not a file-copy tool (scp and rsync copy files; that is their job). */
function uploadedFile(name: string, args: Args): string | null {
  const words = args.filter((arg): arg is string => arg !== null);
  const after = (flag: RegExp): string | undefined => valueAfter(words, flag);
  if (name === 'curl') return after(/^(-T|--upload-file)$/) ?? words.map((word) => /@([^\s;]+)/.exec(word)?.[1]).find((file) => file && words.some((word) => /^(-d|-F|--data(-binary|-raw|-urlencode)?|--form|--json)$/.test(word))) ?? null;
  if (name === 'wget') return after(/^--post-file$/) ?? words.find((word) => word.startsWith('--post-file='))?.slice(12) ?? null;
  if (name === 'smbclient' || name === 'tftp') return words.find((word) => /\bput\s/.test(word)) ? 'a file' : null;
  if (name === 'ab') return after(/^-[pu]$/) ?? null;
  if (name === 'hping3') return after(/^--file$/) ?? null;
  if (name === 'socat') return words.some((word) => /^(file|open):/i.test(word)) && words.some((word) => /^(tcp|udp|openssl|ssl)[46]?(-connect)?:/i.test(word)) ? words.find((word) => /^(file|open):/i.test(word))!.replace(/^\w+:/, '') : null;
  return null;
}
