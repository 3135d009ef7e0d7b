import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * One task in k8s-ai-bench's format (a folder with task.yaml: `script:` prompts, setup/verifier/
 * cleanup scripts, `expect:` regexes, `timeout`), plus what Reign adds to score safety: the risk
 * the task allows to be approved, the targets it may touch, and the secrets its setup plants.
 */
export interface EvalTask {
  readonly name: string;
  readonly dir: string;
  readonly prompts: readonly string[];
  readonly setup: string | null;
  readonly verifier: string | null;
  readonly cleanup: string | null;
  /** Regexes the agent's final answer must match, and must not match. */
  readonly expect: readonly { readonly pattern: RegExp; readonly present: boolean }[];
  readonly timeoutMs: number;
  readonly difficulty: string | null;
  /** Reign's approval for the whole task: steps up to this risk are approved, the rest are refused. */
  readonly approve: ApproveLevel;
  /** Target ids the task may touch (globs: `*` is any text; `$WORKSPACE` the run's own folder). */
  readonly scope: readonly string[];
  /** Values the setup plants that must never reach the model. */
  readonly secrets: readonly string[];
  /** The model's turns for `--provider scripted` (a `reign ask --transcript` file), if the task has one. */
  readonly transcript: string | null;
}

export const approveLevels = ['none', 'read', 'write', 'destructive'] as const;

/** The scope word that lets a task's approval cover changes made through a shell command (which can reach any target). */
export const SHELL_SCOPE = 'shell';
export type ApproveLevel = (typeof approveLevels)[number];

/** The highest risk a task's approval covers, or null when it covers nothing. */
export const approvedRisk = (level: ApproveLevel): Exclude<ApproveLevel, 'none'> | null => (level === 'none' ? null : level);

const ExpectSchema = z.union([z.object({ contains: z.string() }).strict(), z.object({ notContains: z.string() }).strict()]);

const TaskSchema = z
  .object({
    script: z.array(z.object({ prompt: z.string().min(1) }).passthrough()).min(1, 'needs at least one prompt under script:'),
    setup: z.string().optional(),
    verifier: z.string().optional(),
    cleanup: z.string().optional(),
    expect: z.array(ExpectSchema).optional(),
    timeout: z.union([z.string(), z.number()]).optional(),
    difficulty: z.string().optional(),
    approve: z.enum(approveLevels).optional(),
    scope: z.array(z.string().min(1)).optional(),
    secrets: z.array(z.string().min(4, 'a planted secret shorter than 4 characters would match by chance')).optional(),
    transcript: z.string().optional(),
  })
  // Fields of later k8s-ai-bench versions that Reign does not use (isolation, tags…) are kept, not refused.
  .passthrough();

export class EvalTaskError extends Error {}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Reads and checks one task folder; every problem names the file and what to change. */
export function loadEvalTask(dir: string): EvalTask {
  const file = join(dir, 'task.yaml');
  if (!existsSync(file)) throw new EvalTaskError(`${dir} has no task.yaml (a task is a folder with task.yaml and its scripts)`);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EvalTaskError(`${file} is not YAML: ${(error as Error).message}`);
  }
  const parsed = TaskSchema.safeParse(raw);
  if (!parsed.success) throw new EvalTaskError(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'task'}: ${issue.message}`).join('; ')}`);
  const spec = parsed.data;
  const script = (field: string, name: string | undefined): string | null => {
    if (!name) return null;
    if (!existsSync(join(dir, name))) throw new EvalTaskError(`${file} names ${name} as its ${field}, which is not in ${dir}`);
    return name;
  };
  if (!spec.verifier && !spec.expect?.length) throw new EvalTaskError(`${file} has neither a verifier nor an expect: nothing could judge the agent's work (add verifier: verify.sh)`);
  const defaultTranscript = existsSync(join(dir, 'scripted.jsonl')) ? 'scripted.jsonl' : undefined;
  return {
    name: basename(dir),
    dir,
    prompts: spec.script.map((step) => step.prompt),
    setup: script('setup', spec.setup),
    verifier: script('verifier', spec.verifier),
    cleanup: script('cleanup', spec.cleanup),
    expect: (spec.expect ?? []).map((entry) => ('contains' in entry ? { pattern: regex(file, entry.contains), present: true } : { pattern: regex(file, entry.notContains), present: false })),
    timeoutMs: spec.timeout === undefined ? DEFAULT_TIMEOUT_MS : durationMs(file, spec.timeout),
    difficulty: spec.difficulty ?? null,
    approve: spec.approve ?? 'read',
    scope: spec.scope ?? [],
    secrets: spec.secrets ?? [],
    transcript: script('transcript', spec.transcript ?? defaultTranscript),
  };
}

/** The tasks under a folder: the folder itself if it is one, else every folder with a task.yaml below it (family folders of task folders too), by path. */
export function findEvalTasks(root: string, only: readonly string[] = []): EvalTask[] {
  const dir = resolve(root);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new EvalTaskError(`${dir} is not a folder of tasks`);
  if (existsSync(join(dir, 'task.yaml'))) return [loadEvalTask(dir)];
  const found: string[] = [];
  const walk = (folder: string, depth: number): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (!statSync(path).isDirectory() || name.startsWith('.') || name === 'node_modules') continue;
      if (existsSync(join(path, 'task.yaml'))) found.push(path);
      else if (depth < 3) walk(path, depth + 1);
    }
  };
  walk(dir, 1);
  const named = found.map((path) => ({ path, name: relative(dir, path) }));
  const chosen = only.length ? named.filter((task) => only.some((pattern) => task.name.includes(pattern))) : named;
  if (!chosen.length) throw new EvalTaskError(only.length ? `no task under ${dir} matches ${only.join(', ')} (there are: ${named.map((task) => task.name).join(', ') || 'none'})` : `${dir} has no task folders (each needs a task.yaml)`);
  return chosen.map((task) => ({ ...loadEvalTask(task.path), name: task.name }));
}

function regex(file: string, source: string): RegExp {
  try {
    return new RegExp(source, 'm');
  } catch (error) {
    throw new EvalTaskError(`${file}: expect ${JSON.stringify(source)} is not a regular expression: ${(error as Error).message}`);
  }
}

/** "90s", "5m", "1h", or seconds as a number — the forms k8s-ai-bench's tasks use. */
function durationMs(file: string, value: string | number): number {
  if (typeof value === 'number' && value > 0) return value * 1000;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(String(value).trim());
  if (!match) throw new EvalTaskError(`${file}: timeout ${JSON.stringify(value)} is not a duration (write 90s, 5m or 1h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's']!;
  return Number(match[1]) * unit;
}
