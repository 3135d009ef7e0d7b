import type { WorkflowProblem, WorkflowProblemSeverity } from './github-workflow-problem';
import type { ParsedWorkflow, WorkflowPath } from './github-workflow-yaml';

// Risky patterns in a workflow, found by code from the file itself (never from what a model says
// about it). Each is a known way for a workflow to hand a stranger the repository: GitHub Security
// Lab's "pwn request" and script-injection patterns, an over-privileged GITHUB_TOKEN, a secret
// printed into a log, and third-party code that can change under a tag.

type Data = Record<string, unknown>;
const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Contexts a stranger writes: an issue or PR title, a comment, a branch name, a commit message.
 * Inside `run:` they become shell code (`${{ }}` is substituted before the shell parses the script).
 */
const UNTRUSTED_CONTEXTS: readonly RegExp[] = [
  /github\.event\.(issue|pull_request|discussion)\.(title|body)\b/,
  /github\.event\.(comment|review|review_comment)\.body\b/,
  /github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)\b/,
  /github\.event\.(head_commit|commits(\.\*|\[[^\]]*\])?)\.(message|author\.(name|email))\b/,
  /github\.event\.pages(\.\*|\[[^\]]*\])?\.page_name\b/,
  /github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(name|email))|pull_requests(\.\*|\[[^\]]*\])?\.head\.ref)\b/,
  /github\.head_ref\b/,
];

/** What checks out the code of a pull request (or of the run that triggered a workflow_run). */
const PR_HEAD_REF = /github\.event\.pull_request\.head\.(sha|ref)|github\.event\.pull_request\.merge_commit_sha|github\.head_ref|refs\/pull\/|github\.event\.workflow_run\.head_(sha|branch)/;
const PR_CHECKOUT_COMMAND = /\bgh\s+pr\s+checkout\b|\bgit\s+fetch\b[^\n]*\bpull\/|\bgit\s+(checkout|switch)\b[^\n]*\$\{\{\s*github\.event\.(pull_request|workflow_run)\.head/;

const GITHUB_OWNED = new Set(['actions', 'github']);
const FULL_SHA = /^[0-9a-f]{40}$/;

export function riskProblems(workflow: ParsedWorkflow): WorkflowProblem[] {
  const root = workflow.value;
  if (!isData(root)) return [];
  const problems: WorkflowProblem[] = [];
  const flag = (rule: string, severity: WorkflowProblemSeverity, message: string, path: WorkflowPath, at?: { readonly start: number; readonly end: number }): void => {
    problems.push({ source: 'risk', rule, severity, message, ...(at ? workflow.rangeOfOffsets(at.start, at.end) : workflow.rangeOf(path)) });
  };
  const events = eventsOf(root.on);
  const jobs = isData(root.jobs) ? root.jobs : {};

  if (root.permissions === 'write-all') flag('write-all', 'error', 'permissions: write-all gives every job a token that can push code, change releases and settings: name only the scopes the jobs need (for example contents: read).', ['permissions']);
  if (root.permissions === undefined && Object.values(jobs).some((job) => isData(job) && job.permissions === undefined)) {
    problems.push({ source: 'risk', rule: 'permissions-missing', severity: 'info', message: 'No permissions: the jobs get the repository\'s default token scopes, which may be write-all; a top-level "permissions: contents: read" keeps them least-privilege.', ...workflow.rangeOf(['on'], { key: true }) });
  }

  for (const [jobId, job] of Object.entries(jobs)) {
    if (!isData(job)) continue;
    const jobPath = ['jobs', jobId];
    if (job.permissions === 'write-all') flag('write-all', 'error', `Job ${jobId} has permissions: write-all: name only the scopes it needs.`, [...jobPath, 'permissions']);
    if (typeof job.uses === 'string') checkPinned(job.uses, [...jobPath, 'uses'], flag);
    const steps = Array.isArray(job.steps) ? job.steps : [];
    const secretEnv = new Set([...secretNames(root.env), ...secretNames(job.env)]);
    steps.forEach((step: unknown, index) => {
      if (!isData(step)) return;
      const stepPath = [...jobPath, 'steps', index];
      const uses = typeof step.uses === 'string' ? step.uses : null;
      const inputs = isData(step.with) ? step.with : {};
      if (uses) checkPinned(uses, [...stepPath, 'uses'], flag);

      if (uses && /^actions\/checkout@/i.test(uses)) {
        const ref = [inputs.ref, inputs.repository].filter((value) => typeof value === 'string').join(' ');
        if (PR_HEAD_REF.test(ref)) headCheckout(events, jobId, [...stepPath, 'with', inputs.ref !== undefined ? 'ref' : 'repository'], flag);
      }

      const scripts: { path: WorkflowPath; text: string }[] = [];
      if (typeof step.run === 'string') scripts.push({ path: [...stepPath, 'run'], text: step.run });
      // github-script's `script` is JavaScript the same substitution turns into code.
      if (uses && /^actions\/github-script@/i.test(uses) && typeof inputs.script === 'string') scripts.push({ path: [...stepPath, 'with', 'script'], text: inputs.script });
      const stepSecrets = new Set([...secretEnv, ...secretNames(step.env)]);
      for (const script of scripts) {
        untrustedInputs(workflow, script.path, script.text, flag);
        if (script.path.at(-1) === 'run') {
          if (PR_CHECKOUT_COMMAND.test(script.text)) headCheckout(events, jobId, script.path, flag);
          echoedSecrets(workflow, script.path, script.text, stepSecrets, flag);
        }
      }
    });
  }
  return problems;
}

type Flag = (rule: string, severity: WorkflowProblemSeverity, message: string, path: WorkflowPath, at?: { readonly start: number; readonly end: number }) => void;

function headCheckout(events: ReadonlySet<string>, jobId: string, path: WorkflowPath, flag: Flag): void {
  if (events.has('pull_request_target')) {
    flag('pr-target-checkout', 'error', `Job ${jobId} checks out the pull request's code in a pull_request_target workflow, which runs with the base repository's secrets and a write token: anyone who opens a PR can run code with them. Use the pull_request event for building PR code, or check out the base only.`, path);
  } else if (events.has('workflow_run')) {
    flag('pr-target-checkout', 'warning', `Job ${jobId} checks out the triggering run's head in a workflow_run workflow, which has secrets and a write token: code from a fork's PR would run with them. Treat what it checks out as untrusted (no secrets, read-only token).`, path);
  }
}

function untrustedInputs(workflow: ParsedWorkflow, path: WorkflowPath, script: string, flag: Flag): void {
  for (const match of script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    // `github.event['issue']['title']` is the same context as `github.event.issue.title`.
    const expression = match[1]!.replace(/\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/g, (_all, single: string | undefined, double: string | undefined) => `.${single ?? double}`);
    const context = UNTRUSTED_CONTEXTS.map((pattern) => pattern.exec(expression)?.[0]).find(Boolean);
    if (!context) continue;
    const kind = path.at(-1) === 'run' ? 'shell script' : 'script';
    flag('untrusted-input', 'error', `${context} is written by whoever opened the issue, PR or commit, and \${{ }} pastes it into the ${kind} as code (script injection). Pass it through an environment variable instead: env: VALUE: \${{ ${context} }} and use "$VALUE".`, path, locate(workflow, path, match[0]));
  }
}

const ECHO = /^\s*(?:sudo\s+)?(echo|printf|print|Write-Host|Write-Output|console\.log)\b/i;

function echoedSecrets(workflow: ParsedWorkflow, path: WorkflowPath, script: string, secretEnv: ReadonlySet<string>, flag: Flag): void {
  if (/toJSON\(\s*secrets\s*\)/i.test(script)) flag('secret-echoed', 'error', 'toJSON(secrets) puts every secret of the repository into the script; pass the ones it needs through env instead.', path, locate(workflow, path, /toJSON\(\s*secrets\s*\)/i.exec(script)![0]));
  for (const line of script.split('\n')) {
    // A line's commands: echo piped into another program (`| docker login --password-stdin`) or
    // redirected into a file hands the value on without printing it, so only bare ones count.
    const commands = line.split(/&&|\|\||;/);
    for (const command of commands) {
      if (!ECHO.test(command) || /::add-mask::/.test(command)) continue;
      if (/(^|[^|])\|(?!\|)/.test(command) || />/.test(command.replace(/2>&1|>&2/g, ''))) continue;
      const direct = /\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}/.exec(command)?.[0];
      const viaEnv = [...secretEnv].find((name) => new RegExp(`\\$\\{?${name}\\b|\\$env:${name}\\b`).test(command));
      if (!direct && !viaEnv) continue;
      const shown = direct ?? `$${viaEnv}`;
      flag('secret-echoed', 'error', `This prints ${direct ? 'a secret' : `${viaEnv}, which holds a secret,`} into the job's log; GitHub masks the exact value but not an encoded or partial one. Pass it to the program that needs it (stdin, a file, an environment variable) without printing it.`, path, locate(workflow, path, command.trim() || shown));
    }
  }
}

/** Names of environment variables whose value comes from a secret. */
function secretNames(env: unknown): string[] {
  if (!isData(env)) return [];
  return Object.entries(env)
    .filter(([, value]) => typeof value === 'string' && /\$\{\{[^}]*\bsecrets\./.test(value))
    .map(([name]) => name);
}

function checkPinned(uses: string, path: WorkflowPath, flag: Flag): void {
  if (uses.startsWith('./')) return; // an action or reusable workflow of this repository
  if (uses.startsWith('docker://')) {
    if (!/@sha256:[0-9a-f]{64}$/.test(uses)) flag('unpinned-image', 'warning', `${uses} names an image by tag, which its publisher can move: pin it by digest (docker://image@sha256:…).`, path);
    return;
  }
  const at = uses.lastIndexOf('@');
  if (at < 0) return; // the schema and actionlint say what is wrong with it
  const owner = uses.slice(0, uses.indexOf('/') > 0 ? uses.indexOf('/') : at).toLowerCase();
  const ref = uses.slice(at + 1);
  if (GITHUB_OWNED.has(owner) || FULL_SHA.test(ref)) return;
  flag('unpinned-action', 'warning', `${uses.slice(0, at)} is a third-party action pinned to "${ref}", which its owner can move to other code: pin it to a full 40-character commit SHA, with the version in a comment (uses: ${uses.slice(0, at)}@<sha> # ${ref}).`, path);
}

/** Where `needle` is inside the text of the node at `path`; the node itself when it cannot be found verbatim. */
function locate(workflow: ParsedWorkflow, path: WorkflowPath, needle: string): { start: number; end: number } | undefined {
  const range = workflow.nodeAt(path)?.range;
  if (!range) return undefined;
  const offset = workflow.text.slice(range[0], range[1]).indexOf(needle);
  return offset < 0 ? undefined : { start: range[0] + offset, end: range[0] + offset + needle.length };
}

/** The events that start the workflow, whichever of the three forms `on:` takes. */
function eventsOf(on: unknown): Set<string> {
  if (typeof on === 'string') return new Set([on]);
  if (Array.isArray(on)) return new Set(on.filter((event): event is string => typeof event === 'string'));
  return new Set(isData(on) ? Object.keys(on) : []);
}
