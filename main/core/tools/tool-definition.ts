import type { z } from 'zod';
import { assess, type RiskAssessment } from '../policy/risk';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { type AccessKey, type AccessWhere, noSecrets } from './access';
import type { PlanPreview } from './plan-preview';

export type { PlanAttributeChange, PlanChange, PlanPreview } from './plan-preview';

/**
 * What a step acts on. `id` is canonical and is what rules match and approvals bind to:
 * `workspace:/abs/path`, `docker:CONTEXT`, `kubernetes:CONTEXT/NAMESPACE`, `terraform:/abs/dir#WORKSPACE`,
 * `github:OWNER/REPO`, `network:HOST`, `mcp:SERVER`.
 */
export interface Target {
  readonly kind: 'workspace' | 'docker' | 'kubernetes' | 'terraform' | 'github' | 'network' | 'mcp';
  readonly id: string;
  readonly label: string;
}

export type Preview =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string; readonly before: string | null; readonly after: string | null }
  | PlanPreview;

/** What every tool call gets to know about where it runs. */
export interface ToolContext {
  /** The folder file paths are confined to and commands run in (absolute, real path). */
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly shell: ShellAnalyzer;
  /** A family's connection (the Docker engine, a cluster…), opened on first use and kept for this context. */
  access<T>(key: AccessKey<T>): T;
  /** While a plan is classified before it runs: workspace files its earlier steps will have written, by path. */
  readonly plannedFiles?: ReadonlyMap<string, string>;
}

/** The context every tool call gets, built the same way by every caller. */
export function toolContext(workspace: string, env: NodeJS.ProcessEnv, shell: ShellAnalyzer, secret: AccessWhere['secret'] = noSecrets): ToolContext {
  // Opening a connection reads config files or loads an SDK: only when a step needs that family.
  const opened = new Map<string, unknown>();
  return {
    workspace,
    env,
    shell,
    access<T>(key: AccessKey<T>): T {
      if (!opened.has(key.id)) opened.set(key.id, key.open({ workspace, env, secret }));
      return opened.get(key.id) as T;
    },
  };
}

/** A step a planner expands into; ids and dependencies are local to the expansion. */
export interface ExpandedStep {
  readonly id: string;
  readonly tool: string;
  readonly input: Record<string, unknown>;
  readonly dependsOn: readonly string[];
  readonly name?: string;
}

export interface ToolError {
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
  /** The infrastructure refused the request itself (invalid, forbidden, a conflict): trying again gives the same answer. */
  readonly permanent?: boolean;
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
  /**
   * What an approval is bound to besides target and risk: a hash of the content the step runs (the
   * script file, the Makefile), from the facts. When it differs at run time, the step is approved again.
   */
  readonly contentHash?: (facts: F | undefined) => string | null;
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
  /**
   * A planner (intent → steps, like `compose.up`): before a plan is classified, a step of this tool
   * is replaced by the steps this returns, each classified, approved and run like any other.
   * Planner tools never run themselves.
   */
  readonly expand?: (args: { input: I; ctx: ToolContext; signal: AbortSignal }) => Promise<ToolResult<readonly ExpandedStep[]>>;
  /** Sample inputs (as the model would send them): shown by `find_tools`, and classified by the conformance test. */
  readonly examples?: readonly Record<string, unknown>[];
  /** The workspace files a step writes, with their content, so a later step that runs one is classified with it. */
  readonly writesFiles?: (input: I) => readonly { readonly path: string; readonly content: string }[];
  /** Input fields that hold shell command text: step outputs go into them shell-quoted, as data. */
  readonly shellText?: readonly string[];
  /** Safe to run twice with the same effect; only such steps are retried. */
  readonly idempotent: boolean;
  /** One line on what the step changed, for a "left in place" report after a failed run. */
  readonly describeChange: (input: I) => string;
}

export function defineTool<I, O, S = undefined, F = undefined>(definition: ToolDefinition<I, O, S, F>): ToolDefinition<I, O, S, F> {
  return definition;
}

export const toolFailure = (code: string, message: string, detail?: unknown): { ok: false; error: ToolError } => ({ ok: false, error: { code, message, detail } });

/** A tool that only reads: risk `read` for every input, safe to retry, nothing to undo or report as left in place. */
export function defineReadTool<I, O>(
  definition: Omit<ToolDefinition<I, O, undefined, undefined>, 'risk' | 'idempotent' | 'describeChange' | 'snapshot' | 'undo' | 'inspect'> & {
    /** What it reads, in words the person sees as the risk's reason: "lists containers". */
    readonly reads: string;
  },
): ToolDefinition<I, O, undefined, undefined> {
  const { reads, ...rest } = definition;
  return { ...rest, risk: () => assess('read', reads), idempotent: true, describeChange: () => 'nothing (read only)' };
}
