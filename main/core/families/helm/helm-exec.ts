import { execFile } from '../../exec/exec-file';
import { findOnPath } from '../../doctor/probes/find-on-path';
import { type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { helmBinary } from './helm-binary';

export interface HelmRunOptions {
  readonly signal?: AbortSignal;
  /** Streams helm's stderr (warnings, hook progress) to the step's output; stdout is kept, since it may hold values. */
  readonly onStderr?: (chunk: string) => void;
  readonly timeoutMs?: number;
  /** Keeps stdout in the failure's detail, for commands whose findings are printed there (lint); never for ones that print values. */
  readonly stdoutOnFailure?: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs the helm binary found on the step's PATH with an argument array. helm reads KUBECONFIG (a
 * path list, merged) or ~/.kube/config from the same environment, exactly as the Kubernetes family
 * does, so no --kubeconfig is passed. Failures come back with helm's own "Error: …" line.
 */
export async function runHelm(ctx: ToolContext, args: readonly string[], options: HelmRunOptions = {}): Promise<ToolResult<string>> {
  const binary = findOnPath(helmBinary.name, ctx.env);
  if (!binary) return toolFailure('HELM_MISSING', `helm is not on PATH (${ctx.env.PATH ?? 'PATH is empty'}). Install Helm 3 to use the helm tools: \`brew install helm\`, \`sudo snap install helm --classic\`, or a release from https://github.com/helm/helm/releases.`);
  const result = await execFile(binary, args, { env: ctx.env, cwd: ctx.workspace, signal: options.signal, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, onStderr: options.onStderr });
  if (result.ok) return { ok: true, output: result.stdout };
  const { error } = result;
  if (error.kind !== 'exit') return toolFailure(error.kind === 'timeout' ? 'TIMEOUT' : error.kind === 'aborted' ? 'CANCELLED' : 'HELM_FAILED', error.message);
  const message = helmError(error.stderr) ?? error.message;
  return toolFailure(/release: not found|release.*not found/i.test(message) ? 'NOT_FOUND' : 'HELM_FAILED', message, { exitCode: error.exitCode, ...(options.stdoutOnFailure ? { stdout: error.stdout } : {}) });
}

/** helm prints warnings (a group-readable kubeconfig…) before its error; the "Error: …" line is the one that matters. */
export function helmError(stderr: string): string | null {
  const line = stderr.split('\n').find((candidate) => candidate.startsWith('Error: '));
  return line ? line.slice('Error: '.length).trim() : stderr.trim().split('\n').at(-1)?.trim() || null;
}

/** Runs helm with `-o json` already in `args` and parses what it printed. */
export async function runHelmJson<T>(ctx: ToolContext, args: readonly string[], options: HelmRunOptions = {}): Promise<ToolResult<T>> {
  const result = await runHelm(ctx, args, options);
  if (!result.ok) return result;
  try {
    return { ok: true, output: JSON.parse(result.output || 'null') as T };
  } catch {
    return toolFailure('HELM_OUTPUT', `helm ${args[0] ?? ''} printed something that is not JSON (is the helm on PATH Helm 3?)`);
  }
}
