import { execFile } from '../../exec/exec-file';
import { findOnPath } from '../../doctor/probes/find-on-path';
import { type RunArgs, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { terraformBinary } from './terraform-binary';
import { jsonLineMessages, terraformError } from './terraform-messages';

export interface TerraformRunOptions {
  readonly signal?: AbortSignal;
  /**
   * Streams what terraform prints to the step's output. Only for commands whose output carries no
   * values (init, plan and apply progress); never for show, output or state pull.
   */
  readonly log?: RunArgs<unknown>['log'];
  /** The command prints terraform's JSON UI lines (`plan -json`, `apply -json`): stream their messages, not the JSON. */
  readonly jsonLines?: boolean;
  /** The Terraform workspace to run in (TF_WORKSPACE), when it is not the one selected in the folder. */
  readonly workspace?: string;
  readonly timeoutMs?: number;
  /** Exit codes that still carry the answer on stdout (validate exits 1 when it finds errors). */
  readonly answerExitCodes?: readonly number[];
  /** For `show -json` of large plans and states. */
  readonly maxBufferBytes?: number;
}

export interface TerraformOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs the terraform binary found on the step's PATH in `dir`, with an argument array. Terraform is
 * told it runs in automation (no "next, run terraform apply" hints, no prompts): callers pass
 * `-input=false -no-color` where the subcommand takes them. The user's CLI configuration
 * (TF_CLI_CONFIG_FILE, provider mirrors, credentials) comes from the environment untouched.
 * Aborting the signal stops terraform and what it started (providers) through its process group.
 */
export async function runTerraform(ctx: ToolContext, dir: string, args: readonly string[], options: TerraformRunOptions = {}): Promise<ToolResult<TerraformOutput>> {
  const binary = findOnPath(terraformBinary.name, ctx.env);
  if (!binary) return toolFailure('TERRAFORM_MISSING', `terraform is not on PATH (${ctx.env.PATH ?? 'PATH is empty'}). ${terraformBinary.installHint}`);
  const env: NodeJS.ProcessEnv = { ...ctx.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...(options.workspace ? { TF_WORKSPACE: options.workspace } : {}) };
  const { log } = options;
  const stdoutLines = options.jsonLines && log ? jsonLineMessages((text) => log('stdout', text)) : null;
  const result = await execFile(binary, args, {
    env,
    cwd: dir,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBufferBytes: options.maxBufferBytes,
    onStdout: log ? (chunk) => (stdoutLines ? stdoutLines.push(chunk) : log('stdout', chunk)) : undefined,
    onStderr: log ? (chunk) => log('stderr', chunk) : undefined,
  });
  stdoutLines?.flush();
  if (result.ok) return { ok: true, output: { stdout: result.stdout, stderr: result.stderr, exitCode: 0 } };
  const { error } = result;
  if (error.kind === 'exit' && error.exitCode !== null && options.answerExitCodes?.includes(error.exitCode)) return { ok: true, output: { stdout: error.stdout, stderr: error.stderr, exitCode: error.exitCode } };
  if (error.kind === 'timeout') return toolFailure('TIMEOUT', error.message);
  if (error.kind === 'aborted') return toolFailure('CANCELLED', error.message);
  if (error.kind !== 'exit') return toolFailure('TERRAFORM_FAILED', error.message);
  const message = terraformError(error.stdout, error.stderr) ?? error.message;
  return toolFailure(/Saved plan is stale/i.test(message) ? 'PLAN_STALE' : 'TERRAFORM_FAILED', message, { exitCode: error.exitCode });
}

/** Runs a terraform command that prints one JSON document (`show -json`, `output -json`) and parses it. */
export async function runTerraformJson<T>(ctx: ToolContext, dir: string, args: readonly string[], options: TerraformRunOptions = {}): Promise<ToolResult<T>> {
  const result = await runTerraform(ctx, dir, args, { maxBufferBytes: 512 * 1024 * 1024, ...options });
  if (!result.ok) return result;
  try {
    return { ok: true, output: JSON.parse(result.output.stdout || 'null') as T };
  } catch {
    return toolFailure('TERRAFORM_OUTPUT', `terraform ${args[0] ?? ''} printed something that is not JSON (is the terraform on PATH 1.0 or newer?)`);
  }
}
