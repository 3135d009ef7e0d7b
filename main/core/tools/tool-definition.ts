import type { z } from 'zod';
import type { RiskAssessment } from '../policy/risk';
import { type DockerAccess, dockerAccess } from '../families/docker/docker-access';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';

/**
 * What a step acts on. `id` is canonical and is what rules match and approvals bind to:
 * `workspace:/abs/path`, `docker:CONTEXT`, `kubernetes:CONTEXT/NAMESPACE`, `terraform:WORKSPACE`,
 * `github:OWNER/REPO`, `network:HOST`.
 */
export interface Target {
  readonly kind: 'workspace' | 'docker' | 'kubernetes' | 'terraform' | 'github' | 'network';
  readonly id: string;
  readonly label: string;
}

export type Preview =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string; readonly before: string | null; readonly after: string | null };

/** What every tool call gets to know about where it runs. */
export interface ToolContext {
  /** The folder file paths are confined to and commands run in (absolute, real path). */
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly shell: ShellAnalyzer;
  /** The Docker engine of this environment; connects on first use. */
  readonly docker: DockerAccess;
}

/** The context every tool call gets, built the same way by every caller. */
export function toolContext(workspace: string, env: NodeJS.ProcessEnv, shell: ShellAnalyzer): ToolContext {
  // Resolving the engine reads Docker's config and context files: only when a step needs Docker.
  let docker: DockerAccess | undefined;
  return {
    workspace,
    env,
    shell,
    get docker() {
      return (docker ??= dockerAccess(env));
    },
  };
}

export interface ToolError {
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

export type ToolResult<O> = { readonly ok: true; readonly output: O } | { readonly ok: false; readonly error: ToolError };

export interface RunArgs<I> {
  readonly input: I;
  readonly ctx: ToolContext;
  readonly signal: AbortSignal;
  /** Streams text to the step's output (a terminal, the CLI, the audit log after redaction). */
  readonly log: (stream: 'stdout' | 'stderr' | 'info', text: string) => void;
  readonly progress: (message: string, fraction?: number) => void;
}

export interface UndoArgs<I, O, S> {
  readonly input: I;
  readonly output: O | null;
  readonly snapshot: S;
  readonly ctx: ToolContext;
  readonly signal: AbortSignal;
}

/** What `risk` and `target` see: the input, where it runs, and what `inspect` found (undefined without it). */
export interface ClassifyArgs<I, F> {
  readonly input: I;
  readonly ctx: ToolContext;
  /** Undefined when the tool has no `inspect`, or it failed (the core then rates the step at least write). */
  readonly facts: F | undefined;
}

/** One operation on infrastructure, declared once (design notes §3). */
export interface ToolDefinition<I = any, O = any, S = any, F = any> {
  readonly name: string;
  /** For the model: what it does and when to use it. */
  readonly description: string;
  readonly input: z.ZodType<I>;
  /** The shape of `output`; `${steps.<id>.output.<field>}` references are checked against it. */
  readonly output: z.ZodObject<any>;
  /**
   * Facts that take I/O to know a step's risk or target (the live object an apply changes, the
   * resources a Terraform plan file touches). Runs before `risk` and `target`, with a time limit,
   * every time the step is classified: when proposed, and again with its resolved input before it runs.
   */
  readonly inspect?: (args: { input: I; ctx: ToolContext; signal: AbortSignal }) => Promise<F>;
  /** How long `inspect` may take (default 15 s); after that the step is rated without its facts. */
  readonly inspectTimeoutMs?: number;
  /** Pure: a function of input + facts, never of the model's words. */
  readonly risk: (args: ClassifyArgs<I, F>) => RiskAssessment;
  readonly target: (args: ClassifyArgs<I, F>) => Target;
  readonly preview: (args: { input: I; ctx: ToolContext }) => Promise<Preview>;
  /** Taken just before `run`; what `undo` needs. */
  readonly snapshot?: (args: { input: I; ctx: ToolContext }) => Promise<S>;
  readonly run: (args: RunArgs<I>) => Promise<ToolResult<O>>;
  /** Absent: the step cannot be undone, and its preview says so. */
  readonly undo?: (args: UndoArgs<I, O, S>) => Promise<ToolResult<unknown>>;
  /** Safe to run twice with the same effect; only such steps are retried. */
  readonly idempotent: boolean;
  /** One line on what the step changed, for a "left in place" report after a failed run. */
  readonly describeChange: (input: I) => string;
}

export function defineTool<I, O, S = undefined, F = undefined>(definition: ToolDefinition<I, O, S, F>): ToolDefinition<I, O, S, F> {
  return definition;
}

export const toolFailure = (code: string, message: string, detail?: unknown): { ok: false; error: ToolError } => ({ ok: false, error: { code, message, detail } });
