import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { findOnPath } from '../../doctor/probes/find-on-path';
import { execFile } from '../../exec/exec-file';
import { type RunArgs, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { answerFor, credentialRefusal, githubGitCredentialsKey } from './github-git-credential';
import { type CredentialHelper, serveCredentialHelper } from './github-git-credential-helper';
import { withoutUrlCredentials } from './github-git-local-remote';
import { NO_TOKEN_MESSAGE, tokenOrigin } from './github-token';

export interface GitRunOptions {
  readonly signal?: AbortSignal;
  /** Streams git's output (masked) to the step's output. */
  readonly log?: RunArgs<unknown>['log'];
  /** The call talks to a remote: Reign's credential helper answers for the configured GitHub's host. */
  readonly network?: boolean;
  /** Hosts besides the configured GitHub's that this call may give the token to (tests: a loopback git server). */
  readonly credentialHosts?: readonly string[];
  /** Exit codes that are an answer, not a failure (`diff --quiet` exits 1 when there are changes). */
  readonly answerExitCodes?: readonly number[];
  /** Variables for this call only (GIT_INDEX_FILE for a preview's scratch index). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface GitOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** What each git call receives, for tests that check no token is in it: the program, its arguments, its variables. */
export interface GitSpawn {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}
const spawnWatchers = new Set<(spawned: GitSpawn) => void>();
/** Sees every git call this module starts (tests); returns the function that stops watching. */
export function watchGitSpawns(watch: (spawned: GitSpawn) => void): () => void {
  spawnWatchers.add(watch);
  return () => spawnWatchers.delete(watch);
}

// What git, its hooks and ssh may see: an allow-list, so no credential of Reign's (ANTHROPIC_API_KEY,
// a cloud key) or the user's reaches them. Kept: where the user's configuration, identity, ssh agent,
// proxies and locale are; the user's identity and transport GIT_* settings. Not GIT_DIR,
// GIT_WORK_TREE or GIT_CONFIG_* (another repository or configuration than the folder given), nor
// any token or askpass program.
const keptVariables = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR', 'TMP', 'TEMP', 'TERM', 'LANG', 'TZ', 'XDG_CONFIG_HOME', 'SSH_AUTH_SOCK', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'SystemRoot', 'SYSTEMROOT', 'COMSPEC', 'PATHEXT', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'ProgramData', 'HOMEDRIVE', 'HOMEPATH']);
const keptGitVariables = new Set(['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_SSH_VARIANT', 'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH', 'GIT_EXEC_PATH']);

/** git's environment: the allowed part of the step's (no token, askpass program or repository override); never a prompt. */
export function gitEnvironment(env: NodeJS.ProcessEnv, workspaceRoot: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    const wanted = keptVariables.has(name) || keptGitVariables.has(name) || (name.startsWith('LC_') && name !== 'LC_ALL');
    if (value !== undefined && wanted) kept[name] = value;
  }
  return {
    ...kept,
    // Never wait for a password: a credential comes from Reign's helper or the step fails saying so.
    GIT_TERMINAL_PROMPT: '0',
    // git looks for the repository from the folder upwards: never above the workspace.
    GIT_CEILING_DIRECTORIES: dirname(workspaceRoot),
    // Messages in English, which failures quote and a few checks read.
    LC_MESSAGES: 'C',
    LANGUAGE: 'C',
    ...extra,
  };
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs git with an argument array (never a shell) in `dir`, a folder already checked to be inside
 * the workspace (`-C dir`). A call that talks to a remote gets Reign's credential helper, which
 * gives the GitHub token to the configured GitHub's host only. Output and failures are masked with
 * the token and have credentials taken out of any URL.
 */
export async function runGit(ctx: ToolContext, dir: string, args: readonly string[], options: GitRunOptions = {}): Promise<ToolResult<GitOutput>> {
  const git = findOnPath('git', ctx.env);
  if (!git) return toolFailure('GIT_MISSING', `git is not on PATH (${ctx.env.PATH ?? 'PATH is empty'}). Install git (https://git-scm.com/downloads) and try again.`);
  const credentials = ctx.access(githubGitCredentialsKey);
  const clean = (text: string): string => withoutUrlCredentials(credentials.mask(text));
  let helper: CredentialHelper | null = null;
  if (options.network) helper = await serveCredentialHelper(answerFor(credentials, options.credentialHosts ?? []));
  try {
    // No askpass program of another app (an editor's) answers for Reign's calls either.
    const full = ['-c', 'core.askPass=', ...(helper?.configArgs ?? []), '-C', dir, ...args];
    const env = gitEnvironment(ctx.env, realpathSync(ctx.workspace), options.env);
    for (const watch of spawnWatchers) watch({ file: git, args: full, env });
    const { log } = options;
    const result = await execFile(git, full, {
      env,
      cwd: dir,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onStdout: log ? (chunk) => log('stdout', clean(chunk)) : undefined,
      onStderr: log ? (chunk) => log('stderr', clean(chunk)) : undefined,
    });
    if (result.ok) return { ok: true, output: { stdout: clean(result.stdout), stderr: clean(result.stderr), exitCode: 0 } };
    const { error } = result;
    if (error.kind === 'exit' && error.exitCode !== null && options.answerExitCodes?.includes(error.exitCode)) return { ok: true, output: { stdout: clean(error.stdout), stderr: clean(error.stderr), exitCode: error.exitCode } };
    if (error.kind === 'timeout') return toolFailure('TIMEOUT', clean(error.message));
    if (error.kind === 'aborted') return toolFailure('CANCELLED', clean(error.message));
    if (error.kind !== 'exit') return toolFailure('GIT_FAILED', clean(error.message));
    const said = gitWords(clean(error.stderr) || clean(error.stdout));
    const credential = helper ? credentialTrouble(helper, credentials.githubHost, options.credentialHosts ?? [], credentials.token) : null;
    const message = [`git ${args[0] ?? ''} failed${said ? `: ${said}` : ` (exit code ${error.exitCode})`}`, credential].filter(Boolean).join('. ');
    return { ok: false, error: { code: credential ? 'GIT_CREDENTIALS' : 'GIT_FAILED', message, detail: { exitCode: error.exitCode }, permanent: Boolean(credential) } };
  } finally {
    await helper?.close();
  }
}

/** The lines of git's output that say what went wrong (fatal, error, rejected, remote), else its last lines. */
export function gitWords(output: string): string {
  const lines = output.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim());
  const telling = lines.filter((line) => /^(fatal|error|remote):|^\s*! \[|^hint: Updates were rejected|nothing to commit/i.test(line) && !/^remote:\s*$/.test(line));
  return (telling.length ? telling : lines.slice(-3)).slice(0, 6).join('\n');
}

/** Why git had no usable credential, from what it asked Reign's helper, with what to do; null when that was not the trouble. */
function credentialTrouble(helper: CredentialHelper, githubHost: string, extraHosts: readonly string[], token: () => { token: string; source: Parameters<typeof tokenOrigin>[0] } | null): string | null {
  const asked = helper.questions;
  const refused = asked.find((question) => question.action === 'erase');
  if (refused) {
    const found = token();
    return `${refused.host} refused ${found ? tokenOrigin(found.source) : 'the token'} (HTTP 401/403): check that it is valid and can reach this repository (a fine-grained token needs the repository and Contents: read and write)`;
  }
  const unanswered = asked.find((question) => question.action === 'get' && !question.answered);
  if (!unanswered) return null;
  const refusal = credentialRefusal(unanswered, [githubHost, ...extraHosts]);
  // The user's own helpers are cleared for Reign's calls (`credential.helper=`), so another host's password cannot come from them either.
  if (refusal) return `${refusal}. Reign's git calls use only its own credential helper: reach ${unanswered.host} over ssh, or run this git command yourself`;
  return NO_TOKEN_MESSAGE;
}
