import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { assess, combine, type RiskAssessment } from '../../policy/risk';
import type { Args } from '../../policy/shell/command-args';
import type { ShellAnalyzer } from '../../policy/shell/shell-analyzer';
import { gitConfigKeyRisk } from '../../policy/shell/verbs/git-options';
import { resolveInWorkspace } from '../../tools/workspace-paths';

/** A file whose content decides what a command runs: a script, a Makefile, package.json scripts, git's config and hooks. */
export interface RunFile {
  readonly path: string;
  readonly kind: 'script' | 'makefile' | 'package-scripts' | 'git-config' | 'git-hooks';
  /** For package scripts: which one (`test`, `build`…). */
  readonly name?: string;
}

/** What a file held when the step was classified, and how risky that is. */
export interface RunFileFacts {
  readonly path: string;
  /** Null when the file is not there (yet), or cannot be read. */
  readonly sha256: string | null;
  readonly risk: RiskAssessment;
}

const MAX_BYTES = 256 * 1024;
const shells = /^(sh|bash|zsh|dash|ksh|ash)$/;
const hookVerbs = /^(commit|merge|checkout|switch|push|pull|rebase|am|cherry-pick|revert|gc|fetch|clone)$/;

/** The files the command line runs, found from its parsed commands. */
export function filesRun(commands: readonly { readonly name: string; readonly rawName: string; readonly args: Args }[]): RunFile[] {
  const files: RunFile[] = [];
  const words = (args: Args): string[] => args.filter((arg): arg is string => arg !== null);
  for (const { name, rawName, args } of commands) {
    const positional = words(args).filter((word) => !word.startsWith('-'));
    if (rawName.includes('/') && !/^\/(usr|bin|sbin|opt|snap|nix)\//.test(rawName)) files.push({ path: rawName, kind: 'script' });
    else if ((shells.test(name) && !words(args).some((word) => /^-[a-z]*c/.test(word))) || name === 'source' || name === '.') {
      if (positional[0]) files.push({ path: positional[0], kind: 'script' });
    } else if (name === 'make' || name === 'gmake') {
      const file = words(args)[words(args).indexOf('-f') + 1];
      files.push({ path: words(args).includes('-f') && file ? file : 'Makefile', kind: 'makefile' });
    } else if (/^(npm|pnpm|yarn|bun)$/.test(name)) {
      const [verb = '', script = ''] = positional;
      const scriptName = verb === 'run' || verb === 'run-script' ? script : /^(test|start|stop|restart)$/.test(verb) ? verb : name === 'yarn' && verb && !/^(add|install|remove|upgrade|init|info|why|list)$/.test(verb) ? verb : '';
      if (scriptName) files.push({ path: 'package.json', kind: 'package-scripts', name: scriptName });
      if (/^(install|i|ci|add)$/.test(verb) || (name === 'yarn' && !verb)) files.push({ path: 'package.json', kind: 'package-scripts', name: 'install' });
    } else if (name === 'git') {
      files.push({ path: '.git/config', kind: 'git-config' });
      if (positional.some((word) => hookVerbs.test(word))) files.push({ path: '.git/hooks', kind: 'git-hooks' });
    }
  }
  return files.filter((file, index) => files.findIndex((other) => other.path === file.path && other.kind === file.kind && other.name === file.name) === index);
}

/** Reads each file (inside the workspace only) and rates its content as the code it is. */
export async function inspectRunFiles(files: readonly RunFile[], cwd: string | undefined, workspace: string, shell: ShellAnalyzer, planned?: ReadonlyMap<string, string>): Promise<RunFileFacts[]> {
  return Promise.all(
    files.map(async (file): Promise<RunFileFacts> => {
      let absolute: string;
      try {
        if (isAbsolute(file.path) || file.path.startsWith('~')) throw new Error('outside');
        absolute = resolveInWorkspace(workspace, join(cwd ?? '', file.path));
      } catch {
        if (file.kind === 'git-config' || file.kind === 'git-hooks') return { path: file.path, sha256: null, risk: assess('read', 'no repository here') };
        return { path: file.path, sha256: null, risk: assess('write', `runs ${file.path}, outside the workspace, which Reign does not read`) };
      }
      if (file.kind === 'git-hooks') return hooks(absolute, file.path, shell);
      // A file an earlier step of the plan writes is judged by what that step will write.
      const content = planned?.get(relative(realpathSync(workspace), absolute)) ?? (await readSmall(absolute));
      if (content === undefined) return { path: file.path, sha256: null, risk: assess('write', `${file.path} is larger than ${MAX_BYTES / 1024} KiB, too large to read as code`) };
      if (content === null) {
        const absent = file.kind === 'git-config' || (file.kind === 'package-scripts' && file.name === 'install') ? 'read' : 'write';
        return { path: file.path, sha256: null, risk: assess(absent, `${file.path} is not there yet: it is read again when the step runs`) };
      }
      const sha256 = createHash('sha256').update(content).digest('hex');
      return { path: file.path, sha256, risk: contentRisk(file, content, shell) };
    }),
  );
}

function contentRisk(file: RunFile, content: string, shell: ShellAnalyzer): RiskAssessment {
  const about = (inner: RiskAssessment, what: string): RiskAssessment => ({ risk: inner.risk, reasons: inner.reasons.map((reason) => `${what}: ${reason}`) });
  switch (file.kind) {
    case 'script': {
      const shebang = /^#!\s*(\S+)(\s+(\S+))?/.exec(content);
      const interpreter = shebang ? ((shebang[1]!.endsWith('/env') ? shebang[3] : shebang[1]!.split('/').pop()) ?? '') : 'sh';
      if (!shells.test(interpreter)) return assess('write', `${file.path} is a ${interpreter} program, which Reign cannot read as commands`);
      return about(shell.analyze(content), `${file.path} runs`);
    }
    case 'makefile': {
      // Recipe lines start with a tab; `@` and `-` only change echoing and error handling.
      const recipes = content.split('\n').filter((line) => line.startsWith('\t')).map((line) => line.slice(1).replace(/^[@+-]+/, ''));
      const functions = [...content.matchAll(/\$\(shell ([^)]*)\)/g)].map((match) => match[1]!);
      return about(combine([assess('read', `${file.path} has no recipes`), ...[...recipes, ...functions].map((line) => shell.analyze(line))]), `${file.path} runs`);
    }
    case 'package-scripts': {
      let scripts: Record<string, string> = {};
      try {
        scripts = (JSON.parse(content) as { scripts?: Record<string, string> }).scripts ?? {};
      } catch {
        return assess('write', `${file.path} is not valid JSON, so the scripts it runs are unknown`);
      }
      const names = file.name === 'install' ? ['preinstall', 'install', 'postinstall', 'prepare'] : [`pre${file.name}`, file.name!, `post${file.name}`];
      const run = names.filter((name) => typeof scripts[name] === 'string');
      return about(combine([assess('read', `${file.path} has no ${file.name} script`), ...run.map((name) => shell.analyze(scripts[name]!))]), `the ${run.join('/') || file.name} script in ${file.path} runs`);
    }
    case 'git-config':
      return gitConfigContentRisk(content, file.path);
    default:
      return assess('read', `${file.path}`);
  }
}

/** `[core] fsmonitor = …` and friends: the repository's config names programs git runs on every command. */
function gitConfigContentRisk(content: string, path: string): RiskAssessment {
  let section = '';
  const risks: RiskAssessment[] = [assess('read', `${path} names no program`)];
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([\w.-]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (header) {
      section = header[2] === undefined ? header[1]! : `${header[1]}.${header[2]}`;
      continue;
    }
    const entry = /^([\w-]+)\s*(?:=\s*(.*))?$/.exec(line);
    if (!entry || !section) continue;
    const risk = gitConfigKeyRisk(`${section}.${entry[1]}`, entry[2] ?? '');
    if (risk.risk !== 'read' && risk.risk !== 'write') risks.push({ risk: risk.risk, reasons: risk.reasons.map((reason) => `${path}: ${reason}`) });
  }
  return combine(risks);
}

async function hooks(directory: string, path: string, shell: ShellAnalyzer): Promise<RunFileFacts> {
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => !name.endsWith('.sample')).sort();
  const contents = await Promise.all(names.map(async (name) => ({ name, content: await readSmall(join(directory, name)) })));
  const present = contents.filter((hook): hook is { name: string; content: string } => typeof hook.content === 'string');
  const sha256 = present.length ? createHash('sha256').update(present.map((hook) => `${hook.name}\0${hook.content}`).join('\0')).digest('hex') : null;
  const risk = combine([assess('read', 'no git hooks'), ...present.map((hook) => ({ ...shell.analyze(hook.content), reasons: shell.analyze(hook.content).reasons.map((reason) => `the ${hook.name} hook runs: ${reason}`) }))]);
  return { path, sha256, risk: present.length && risk.risk === 'read' ? assess('write', `git runs the hooks ${present.map((hook) => hook.name).join(', ')}`) : risk };
}

/** The file's text; null when it is not there, undefined when it is too large to read. */
async function readSmall(path: string): Promise<string | null | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    if (info.size > MAX_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
