import { assess, combine, maxRisk, type RiskAssessment } from '../risk';
import type { BashParser, SyntaxNode } from './bash-parser';
import { type Args, positionals } from './command-args';
import { type Analysis, classifyLauncher, variableRisk } from './launchers';
import { flowRisks, type Trace } from './data-flows';
import { credentialStore, protectedFile } from '../sensitive-files';
import { resolveWord, wellKnownVariables } from './shell-words';
import { canonicalName, classifyCommand } from './verbs';
import type { Table } from './verbs/classifier';
import { sensitivePath } from './verbs/classifier';

const MAX_DEPTH = 6;
const shells = /^(sh|bash|zsh|dash|ksh|mksh|fish|ash|csh|tcsh)$/;
const interpreters = /^(python[\d.]*|perl|ruby|node|nodejs|php|lua|Rscript|deno|bun|osascript|pwsh|powershell|tclsh|wish|expect|irb|jshell|jjs|gdb|guile|sbcl|ghci|julia|erl|iex|scala|groovy|clisp|csi|R|rc|jrunscript|gawk-repl)$/;
const downloaders = /^(curl|wget|fetch|aria2c|http|https|lwp-request|nc|ncat)$/;
const decoders = /^(base64|base32|xxd|openssl|gunzip|zcat|rev|tr|printf|echo)$/;

interface Simple {
  readonly name: string | null;
  readonly rawName: string;
  readonly args: Args;
  readonly disguised: boolean;
}

/**
 * Classifies a shell command line by parsing it with tree-sitter-bash and reading every command in
 * it: pipelines, lists, subshells, substitutions, redirections, heredocs, `sh -c`, `eval`, sudo.
 * What cannot be resolved is never read-only. Never throws.
 */
export class ShellAnalyzer {
  constructor(
    private readonly parser: BashParser,
    /** The verb tables: the core's and every family's (see verbTable). */
    private readonly table: Table,
  ) {}

  /** Well-known variables this command line does not assign (see wellKnownVariables). */
  private trusted: ReadonlySet<string> = new Set();

  /** What the command line being analysed contains, for the data-flow rules. */
  private trace: Trace = { commands: [], redirects: [], writes: [] };

  /** The last command analysed: a step's inspect and risk read the same command one after the other. */
  private last: { readonly command: string; readonly result: RiskAssessment; readonly trace: Trace } | null = null;

  analyze(command: string): RiskAssessment {
    if (this.last?.command === command) return this.last.result;
    const result = this.analyzeFresh(command);
    this.last = { command, result, trace: this.trace };
    return result;
  }

  private analyzeFresh(command: string): RiskAssessment {
    this.trace = { commands: [], redirects: [], writes: [] };
    this.trusted = new Set(['HOME', 'TMPDIR'].filter((name) => wellKnownVariables.test(name) && !new RegExp(`(^|[^\\w])${name}=`).test(command)));
    try {
      const parts = this.analyzeText(command, 0);
      const trace = this.trace;
      return combine([parts, ...flowRisks(trace, command, (text) => this.analyzeText(text, 1))]);
    } catch (error) {
      return assess('destructive', `the command could not be analysed (${(error as Error).message})`);
    }
  }

  /** Every simple command the line runs (nested code included), unwrapped from sudo, env and the like. */
  commandsIn(command: string): readonly { readonly name: string; readonly rawName: string; readonly args: Args }[] {
    this.analyze(command);
    return [...this.last!.trace.commands];
  }

  private analyzeText(text: string, depth: number): RiskAssessment {
    if (depth > MAX_DEPTH) return assess('destructive', 'commands nested inside commands too deeply to follow');
    if (!text.trim()) return assess('read', 'empty command');
    return this.parser.parse(text, (root) => {
      const parts = [this.visit(root, depth)];
      if (root.hasError) parts.push(assess('write', 'part of the command could not be parsed, so it is not treated as read-only'));
      // `{rm,-rf,~}` is a command built by brace expansion; tree-sitter cannot parse it as one.
      if (root.hasError && /(^|[;&|(\s])\{[^{}\s]*,[^{}]*\}/.test(text)) parts.push(assess('destructive', 'brace expansion builds the command that runs'));
      return combine(parts);
    });
  }

  private visit(node: SyntaxNode, depth: number): RiskAssessment {
    switch (node.type) {
      case 'command':
        return this.command(node, depth);
      case 'pipeline':
        return this.pipeline(node, depth);
      case 'redirected_statement':
        this.recordWrite(node);
        return combine([...node.namedChildren.map((child) => this.visit(child, depth)), ...this.heredocToShell(node, depth)]);
      case 'file_redirect':
        return this.redirect(node, depth);
      case 'function_definition':
        return this.functionDefinition(node, depth);
      case 'variable_assignment':
        return this.assignment(node, depth);
      case 'expansion':
        // ${x@P} expands x as a prompt, which runs the command substitutions in its value.
        if (/@P\}$/.test(node.text)) return assess('destructive', `${node.text} runs the commands inside the variable's value`);
        return this.children(node, depth);
      case 'arithmetic_expansion':
      case 'compound_statement':
      case 'subscript':
      case 'test_command':
        return combine([this.children(node, depth), ...this.arithmetic(node)]);
      case 'declaration_command':
        return combine([assess('read', 'sets a shell variable'), ...node.namedChildren.map((child) => this.visit(child, depth))]);
      default:
        return this.children(node, depth);
    }
  }

  private children(node: SyntaxNode, depth: number): RiskAssessment {
    const children = node.namedChildren.map((child) => this.visit(child, depth));
    return children.length ? combine(children) : { risk: 'read', reasons: [] };
  }

  /**
   * Arithmetic evaluates the values of the variables it names, and an array subscript inside a
   * value (`x='a[$(cmd)]'`) runs its command: arithmetic on variables is not read-only.
   */
  private arithmetic(node: SyntaxNode): RiskAssessment[] {
    if (node.type === 'compound_statement' && !node.text.startsWith('((')) return [];
    if (node.type === 'test_command' && (!node.text.startsWith('[[') || !/\s-(eq|ne|lt|le|gt|ge)\s/.test(node.text))) return [];
    const variables = node.descendantsOfType('variable_name').map((variable) => variable.text);
    if (!variables.length) return [];
    return [assess('write', `arithmetic on ${[...new Set(variables)].slice(0, 3).join(', ')} runs any command hidden in an array subscript of its value`)];
  }

  /** `X=…`: harmless unless it hides its value or sets a variable that makes programs run other code. */
  private assignment(node: SyntaxNode, depth: number): RiskAssessment {
    const name = node.childForFieldName('name')?.text ?? '';
    const value = node.childForFieldName('value');
    const parts = [variableRisk(name, value?.text ?? null), ...node.namedChildren.map((child) => this.visit(child, depth))];
    if (value?.type === 'ansi_c_string' && /\\(x|[0-7])/.test(value.text)) parts.push(assess('destructive', `hides the value of ${name} behind $'…' escapes`));
    return combine(parts);
  }

  private simple(node: SyntaxNode): Simple {
    const nameNode = node.childForFieldName('name');
    const resolved = nameNode ? resolveWord(nameNode, this.trusted) : { value: null, disguised: false };
    const args = node.childrenForFieldName('argument').map((arg) => resolveWord(arg, this.trusted).value);
    return { name: resolved.value, rawName: nameNode?.text ?? '', args, disguised: resolved.disguised };
  }

  private command(node: SyntaxNode, depth: number): RiskAssessment {
    // Substitutions and redirects inside the command run too: `echo $(rm -rf ~)`.
    const nested = node.namedChildren.filter((child) => child.type !== 'command_name').map((child) => this.visit(child, depth));
    const simple = this.simple(node);
    // `$(echo ls) -la`: a name that is only literal words echoed is those words.
    const echoed = simple.name === null ? /^(?:\$\(|`)\s*echo\s+([\w./-]+(?:[ \t]+[\w./-]+)*)\s*(?:\)|`)$/.exec(simple.rawName) : null;
    if (echoed) return combine([...nested, this.analyzeText([echoed[1], ...node.childrenForFieldName('argument').map((arg) => arg.text)].join(' '), depth + 1)]);
    if (simple.name === null) {
      return combine([...nested, assess('destructive', `the command name (${simple.rawName.slice(0, 40)}) is computed at run time`)]);
    }
    if (!simple.disguised && simple.name !== '[' && simple.name !== '[[' && /[*?[]/.test(simple.rawName.replace(/\\./g, '')) && !/^[*?[\]()]+$/.test(simple.rawName)) {
      return combine([...nested, assess('destructive', `the command name ${simple.rawName} is a pattern: the file it matches when it runs is what runs`)]);
    }
    const parts = [...nested, this.classify(simple.name, simple.args, depth), ...argumentRisks(simple, node)];
    // Quotes or escapes inside a command name (r''m, w\ho) have no purpose but to hide what runs; a
    // name quoted as a whole ('my tool') is at least write, as it may be a path with spaces.
    if (simple.disguised && simple.name) {
      const whole = /^(string|raw_string|ansi_c_string)$/.test(node.childForFieldName('name')?.namedChildren[0]?.type ?? '') && !/\\x|\\[0-7]/.test(simple.rawName);
      parts.push(assess(maxRisk(whole ? 'write' : 'destructive', parts.map((part) => part.risk).reduce((a, b) => maxRisk(a, b))), `the command name "${simple.rawName}" is disguised with quotes or escapes (it runs ${simple.name})`));
    }
    return combine(parts);
  }

  /** Unwraps launchers (sudo, env, xargs, sh -c, eval, find -exec…) and classifies what they run. */
  private classify(rawName: string, args: Args, depth: number): RiskAssessment {
    const name = canonicalName(rawName);
    this.trace.commands.push({ name, rawName, args });
    if (depth > MAX_DEPTH) return assess('destructive', 'commands nested too deeply to follow');
    const launched = classifyLauncher(name, args, depth, this.analysis);
    if (launched) return launched;
    switch (name) {
      case 'source':
      case '.':
        return assess('write', `runs the script ${args[0] ?? ''} in the current shell`);
      case 'find':
        return this.find(args, depth);
      case 'busybox':
        return args[0] ? this.classify(args[0]!, args.slice(1), depth + 1) : assess('read', 'busybox lists its applets');
      case 'ssh':
        return this.ssh(args, depth);
      default:
        if (shells.test(name)) return this.shell(name, args, depth);
        if (interpreters.test(name)) return this.interpreter(name, args);
        return classifyCommand(rawName, args, this.table);
    }
  }

  private readonly analysis: Analysis = {
    classify: (name, args, depth) => this.classify(name, args, depth),
    code: (text, depth, how) => this.code(text, depth, how),
    text: (text, depth) => this.analyzeText(text, depth),
  };

  private code(text: string | null | undefined, depth: number, how: string): RiskAssessment {
    if (text === undefined) return assess('write', `${how} with nothing to run`);
    if (text === null) return assess('destructive', `${how} runs code that is built at run time`);
    const inner = this.analyzeText(text, depth + 1);
    return combine([inner, assess(maxRisk('write', inner.risk), `${how} runs: ${text.slice(0, 80)}`)]);
  }

  private shell(name: string, args: Args, depth: number): RiskAssessment {
    const c = args.findIndex((arg) => arg !== null && /^-[a-z]*c[a-z]*$/.test(arg));
    if (c >= 0 && /^\{\}$|^\$\d$/.test(args[c + 1] ?? '')) return assess('destructive', `${name} -c runs text from its input as commands`);
    if (c >= 0) return this.code(args[c + 1], depth, `${name} -c`);
    const script = positionals(args)[0];
    if (script) return assess('write', `${name} runs the script ${script}`);
    return assess('destructive', `${name} starts a shell whose commands Reign cannot see`);
  }

  private interpreter(name: string, args: Args): RiskAssessment {
    const flagIndex = args.findIndex((arg) => arg === '-c' || arg === '-e' || arg === '--eval' || arg === '-E' || arg === '-r');
    const code = flagIndex >= 0 ? args[flagIndex + 1] : undefined;
    if (code === null) return assess('destructive', `${name} runs code built at run time`);
    if (code !== undefined) {
      if (/rmtree|unlink|remove\(|rmSync|rmdirSync|rm_rf|rm_r\b|FileUtils\.rm|File\.delete|os\.remove|shutil|os\.system|subprocess|child_process|exec(Sync)?\(|system\(|popen|shell_exec|passthru|`|rm -rf|DROP |format\(|mkfs|socket|connect\(|spawn|pty\.|os\.exec|Runtime\.getRuntime|ProcessBuilder|\bexec\b|io\.popen|os\.execute/i.test(code)) {
        return assess('destructive', `${name} runs inline code that deletes files, runs commands or opens connections`);
      }
      return assess('write', `${name} runs inline code`);
    }
    if (args.includes('-m') && /^(http\.server|SimpleHTTPServer|json\.tool|pip)$/.test(args[args.indexOf('-m') + 1] ?? '')) return assess('write', `${name} -m ${args[args.indexOf('-m') + 1]}`);
    if (!positionals(args).length && !args.includes('-m')) return assess('destructive', `${name} starts an interpreter whose code Reign cannot see`);
    if (/^php$/.test(name) && args.some((arg) => arg === '-S')) return assess('destructive', 'php -S serves the folder to the network, running its PHP files for whoever asks');
    return assess('write', `${name} runs ${positionals(args)[0] ?? 'code from its input'}`);
  }

  private find(args: Args, depth: number): RiskAssessment {
    const parts = [assess('read', 'find lists files')];
    // `-name -delete` names a file; `-exec echo -delete +` prints a word: neither deletes.
    const actions = findActions(args);
    if (actions.includes('-delete')) {
      const root = positionals(args)[0] ?? '.';
      const everywhere = sensitivePath(root) === 'system' || (sensitivePath(root) === 'root' && root !== '.');
      parts.push(assess(everywhere ? 'critical' : 'destructive', `find -delete removes matching files under ${root}`));
    }
    args.forEach((arg, index) => {
      if (arg === '-exec' || arg === '-execdir' || arg === '-ok' || arg === '-okdir') {
        const end = args.findIndex((candidate, at) => at > index && (candidate === ';' || candidate === '+' || candidate === '\\;'));
        const command = args.slice(index + 1, end < 0 ? undefined : end);
        if (command[0] === null || command[0]?.includes('{}')) parts.push(assess('destructive', 'find -exec runs a command named at run time (the files it finds)'));
        else if (command[0]) parts.push(this.classify(command[0], command.slice(1), depth + 1));
      }
    });
    if (args.some((arg) => arg?.startsWith('-fprint') || arg === '-fls')) parts.push(assess('write', 'find writes its list to a file'));
    return combine(parts);
  }

  private ssh(args: Args, depth: number): RiskAssessment {
    // ProxyCommand, LocalCommand and KnownHostsCommand run a program on this machine.
    const local = args.find((arg, index) => arg !== null && /^(-o)?(ProxyCommand|LocalCommand|KnownHostsCommand|ProxyUseFdpass|PKCS11Provider|SecurityKeyProvider)[= ]/i.test(arg.replace(/^-o/, '')) && (args[index - 1] === '-o' || arg.startsWith('-o')));
    if (local) return assess('destructive', `ssh ${local.replace(/^-o/, '').split(/[= ]/)[0]} runs a program on this machine`);
    if (args.some((arg) => arg === '-F')) return assess('write', 'ssh reads its configuration from a file it is given');
    // ssh [options] host [command…]: options with a value are skipped so the host is found.
    let i = 0;
    while (i < args.length && (args[i] ?? '').startsWith('-')) i += /^-[bcDEeFIiJLlmOopQRSWw]$/.test(args[i] ?? '') ? 2 : 1;
    const remote = args.slice(i + 1);
    if (!remote.length) return assess('write', `ssh opens a shell on ${args[i] ?? 'a remote host'}`);
    if (remote.some((arg) => arg === null)) return assess('destructive', 'ssh runs a remote command built at run time');
    const inner = this.analyzeText(remote.join(' '), depth + 1);
    return combine([inner, assess(maxRisk('write', inner.risk), `ssh runs on ${args[i]}: ${remote.join(' ').slice(0, 80)}`)]);
  }

  private pipeline(node: SyntaxNode, depth: number): RiskAssessment {
    const stages = node.namedChildren;
    const parts = stages.map((stage) => this.visit(stage, depth));
    const names = stages.map((stage) => {
      const command = stage.type === 'command' ? stage : stage.namedChildren.find((child) => child.type === 'command');
      if (!command) return { name: '', args: [] as Args };
      const simple = this.simple(command);
      // Look through sudo/env so `curl … | sudo bash` is seen as a shell.
      let name = canonicalName(simple.name ?? '');
      let args = simple.args;
      while (/^(sudo|doas|env|nohup|exec|command)$/.test(name) && args.length) {
        const next = args.findIndex((arg) => arg !== null && !arg.startsWith('-') && !arg.includes('='));
        if (next < 0) break;
        name = canonicalName(args[next]!);
        args = args.slice(next + 1);
      }
      return { name, args };
    });
    names.forEach(({ name, args }, index) => {
      if (index === 0) return;
      const readsStdin = (shells.test(name) && !args.some((arg) => arg !== null && /^-[a-z]*c/.test(arg)) && !positionals(args).some((arg) => !arg.startsWith('-'))) || (interpreters.test(name) && (positionals(args).length === 0 || positionals(args)[0] === '-'));
      if (!readsStdin) return;
      const before = names.slice(0, index).map((stage) => stage.name);
      if (before.some((earlier) => downloaders.test(earlier))) parts.push(assess('critical', `pipes a download into ${name}: runs code from the network unseen`));
      else if (before.some((earlier) => decoders.test(earlier))) parts.push(assess('critical', `pipes decoded text into ${name}: runs hidden code`));
      else parts.push(assess('destructive', `pipes text into ${name}: what runs is decided at run time`));
    });
    return combine(parts);
  }

  private redirect(node: SyntaxNode, depth: number): RiskAssessment {
    const operator = node.children.find((child) => !child.isNamed)?.text ?? '>';
    const destination = node.childForFieldName('destination') ?? node.namedChildren.at(-1);
    const nested = node.namedChildren.map((child) => this.visit(child, depth));
    const target = destination ? resolveWord(destination, this.trusted).value : null;
    this.trace.redirects.push({ operator, target });
    if (!/>/.test(operator) || !destination) return combine([assess('read', 'reads a file'), ...nested]);
    // `2>&1` duplicates a stream; `>& file` and `&> file` write a file.
    if (/&/.test(operator) && (target === null ? /^\d|-/.test(destination.text) : /^(\d+|-)$/.test(target))) return combine([assess('read', 'redirects output to another stream'), ...nested]);
    if (target === null) return combine([assess('write', 'writes to a file named at run time'), ...nested]);
    if (/^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/.test(target) || /^&?\d$/.test(target)) return combine([assess('read', 'discards or redirects output'), ...nested]);
    const verb = operator.includes('>>') ? 'appends to' : 'overwrites';
    if (/^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|mapper|md)/.test(target)) return assess('critical', `writes straight onto disk device ${target}`);
    if (/^\/(etc\/(passwd|shadow|sudoers|group|fstab|hosts)|boot\/)|^\/etc\/sudoers\.d/.test(target)) return assess('critical', `${verb} ${target}`);
    if (sensitivePath(target) === 'system') return assess('destructive', `${verb} system file ${target}`);
    const runsLater = protectedFile(target);
    if (runsLater) return combine([assess('destructive', `${verb} ${target}: ${runsLater}`), ...nested]);
    return combine([assess('write', `${verb} ${target}`), ...nested]);
  }

  /** `echo TEXT > FILE`: what the command line writes where, so a later use of FILE is judged by TEXT. */
  private recordWrite(node: SyntaxNode): void {
    const body = node.childForFieldName('body') ?? node.namedChildren.find((child) => child.type === 'command');
    if (body?.type !== 'command') return;
    const simple = this.simple(body);
    if (!/^(echo|printf)$/.test(canonicalName(simple.name ?? '')) || simple.args.some((arg) => arg === null)) return;
    const content = simple.args.filter((arg) => !/^-[neE]+$/.test(arg ?? '')).join(' ').replace(/\\n/g, '\n');
    for (const redirect of node.namedChildren.filter((child) => child.type === 'file_redirect')) {
      const operator = redirect.children.find((child) => !child.isNamed)?.text ?? '';
      const destination = redirect.childForFieldName('destination') ?? redirect.namedChildren.at(-1);
      const target = destination ? resolveWord(destination, this.trusted).value : null;
      if (/>/.test(operator) && target) this.trace.writes.push({ target, content });
    }
  }

  /** `bash <<EOF … EOF`: the heredoc's body is what runs. */
  private heredocToShell(node: SyntaxNode, depth: number): RiskAssessment[] {
    const heredoc = node.namedChildren.find((child) => child.type === 'heredoc_redirect');
    const body = node.namedChildren.find((child) => child.type === 'command') ?? node.childForFieldName('body');
    if (!heredoc || !body || body.type !== 'command') return [];
    const name = canonicalName(this.simple(body).name ?? '');
    if (!shells.test(name) && !interpreters.test(name) && name !== 'sudo') return [];
    const text = heredoc.namedChildren.find((child) => child.type === 'heredoc_body')?.text ?? '';
    const inner = shells.test(name) || name === 'sudo' ? this.analyzeText(text, depth + 1) : assess('write', `${name} runs code from a heredoc`);
    return [inner, assess(maxRisk('write', inner.risk), `a heredoc is fed to ${name}`)];
  }

  private functionDefinition(node: SyntaxNode, depth: number): RiskAssessment {
    const name = node.childForFieldName('name')?.text ?? '';
    const body = node.childForFieldName('body');
    const inner = body ? this.visit(body, depth) : assess('read', 'empty function');
    // :(){ :|:& };: — a function that pipes into itself in the background is a fork bomb.
    if (body && name && new RegExp(`(^|[\\s;{|&])${escapeRegExp(name)}\\s*\\|\\s*${escapeRegExp(name)}\\s*&`).test(body.text)) {
      return assess('critical', `defines a fork bomb (${name} calls itself in the background)`);
    }
    return combine([inner, assess('write', `defines a shell function ${name}`)]);
  }
}

const shellPath = /^(\S*\/)?(sh|bash|zsh|dash|ksh|ash|fish|csh|tcsh)$|(^|[^\w])\/bin\/(ba|z|da|k)?sh\b|^!\s*\/?\S*sh\b/;
const readOnlyAfterLookup = new Set(['cat', 'head', 'tail', 'less', 'more', 'grep', 'strings', 'xxd', 'od', 'base64', 'cp', 'tar', 'zip', 'getent', 'awk', 'sed', 'sort', 'diff', 'nl', 'tac', 'bat']);

/** Risks that come from what a command is given rather than what it is: a shell, credentials, hidden arguments. */
function argumentRisks(simple: Simple, node: SyntaxNode): RiskAssessment[] {
  const name = canonicalName(simple.name ?? '');
  const risks: RiskAssessment[] = [];
  const literal = simple.args.filter((arg): arg is string => arg !== null);
  // Launchers classify what they run themselves; container CLIs run the shell inside a container.
  const launchers = /^(which|type|command|whereis|chsh|file|ls|stat|echo|printf|cp|install|ln|readlink|realpath|grep|sudo|doas|env|nice|nohup|time|timeout|watch|xargs|parallel|exec|stdbuf|ionice|taskset|setsid|flock|su|ssh|busybox|find|docker|podman|nerdctl|kubectl|oc|lxc|incus|toolbox|distrobox|vagrant)$/;
  if (!shells.test(name) && !launchers.test(name)) {
    const handed = literal.find((arg) => shellPath.test(arg) || /(exec|system|spawn|popen)\W*\(?\s*["']?\/bin\/\w*sh/.test(arg));
    if (handed) risks.push(assess('destructive', `hands a shell to ${name} (${handed.slice(0, 40)}): it can then run anything`));
  }
  const secret = literal.find((arg) => credentialStore(arg) !== null || (arg === 'shadow' && name === 'getent'));
  if (secret && (readOnlyAfterLookup.has(name) || name === 'getent')) risks.push(assess('destructive', `reads credentials: ${secret} holds ${credentialStore(secret) ?? 'password hashes'}`));
  const outside = readOnlyAfterLookup.has(name) ? simple.args.find((arg, index): arg is string => arg !== null && outsideWorkspace(arg) && !isPatternArgument(name, simple.args, index)) : undefined;
  if (outside && !secret) risks.push(assess('write', `reads ${outside}, outside the workspace`));
  const unnamed = readOnlyAfterLookup.has(name) && simple.args.some((arg, index) => arg === null && !isPatternArgument(name, simple.args, index));
  if (unnamed && !secret && !outside) risks.push(assess('write', `reads a file named only at run time (it may be outside the workspace)`));
  if (literal.some((arg) => arg === '/etc/passwd') && readOnlyAfterLookup.has(name)) risks.push(assess('write', 'reads the account list /etc/passwd'));
  const argumentTexts = node.childrenForFieldName('argument').map((arg) => arg.text);
  const hidden = argumentTexts.some((text) => /\$\(|`|\$\{[^}]*[:#%\/^,]/.test(text));
  if (hidden) risks.push(assess('write', 'some arguments are computed when it runs'));
  // `${HOME:0:1}` builds a `/` from a piece of a variable; `$(xxd -r -p <<< …)` decodes an argument: both hide what is meant.
  const obfuscated = argumentTexts.find((text) => /\$\{\w+:\d+:\d+\}/.test(text) || /(\$\(|`)[^)`]*(base64\s+(-d|--decode|-D)|xxd\s+-r|\brev\b|printf\s+["']?\\x|tr\s+['"]?[a-z]-[a-z])/.test(text));
  if (obfuscated) risks.push(assess('destructive', `an argument is decoded or assembled at run time to hide it (${obfuscated.slice(0, 40)})`));
  if (/^(host|dig|nslookup|ping|ping6|whois|traceroute|curl|wget|nc)$/.test(name) && simple.args.some((arg) => arg === null)) {
    // A name built at run time and looked up is how data leaves through DNS.
    const dns = /^(host|dig|nslookup|ping|ping6)$/.test(name);
    risks.push(assess(dns ? 'destructive' : 'write', dns ? `${name} looks up a name built at run time (data can leave through DNS)` : `${name} sends data known only at run time over the network`));
  }
  return risks;
}

/** A path that leaves the workspace: absolute, in the home folder, or climbing out with `..`. */
function outsideWorkspace(arg: string): boolean {
  // Harmless system facts and public keys, which exist to be shown.
  if (/^\/dev\/(null|stdin|zero|urandom|random)$|^\/proc\/(cpuinfo|meminfo|loadavg|uptime|version)$|^\/etc\/(os-release|lsb-release|debian_version|hostname|timezone)$|\.pub$/.test(arg)) return false;
  return /^(\/|~|\$HOME|\$\{HOME\})/.test(arg) || /(^|\/)\.\.(\/|$)/.test(arg);
}

/** grep's, sed's and awk's first word is a pattern or program, not a file (`grep /api/ app.log`). */
function isPatternArgument(name: string, args: Args, index: number): boolean {
  if (!/^(grep|egrep|fgrep|sed|awk)$/.test(name)) return false;
  const firstPositional = args.findIndex((arg) => arg !== null && !arg.startsWith('-'));
  return index === firstPositional || /^-(e|f|F|v)$/.test(args[index - 1] ?? '');
}

const findTests = /^-(i?name|i?path|i?wholename|i?regex|i?lname|type|xtype|newer\w*|user|group|uid|gid|perm|size|[amc]time|[amc]min|links|inum|samefile|fstype|maxdepth|mindepth|used|context|printf|fprintf|fprint0?|fls|regextype)$/;

/** find's words that are actions or tests, without option values and the words of -exec/-ok commands. */
function findActions(args: Args): (string | null)[] {
  const words: (string | null)[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? null;
    if (arg !== null && /^-(exec|execdir|ok|okdir)$/.test(arg)) {
      words.push(arg);
      while (i + 1 < args.length && !/^(;|\+|\\;)$/.test(args[i + 1] ?? '')) i++;
      continue;
    }
    words.push(arg);
    if (arg !== null && findTests.test(arg)) i++;
  }
  return words;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
