import { availableParallelism } from 'node:os';
import type { Target } from '../tools/tool-definition';
import type { GraphNode } from './graph-scheduler';

/**
 * How many steps on one target of a kind run at once when the runner chooses (no concurrency was
 * asked for). The numbers are about the engine behind the target, not about Reign:
 */
const PER_TARGET: Readonly<Record<Target['kind'], () => number>> = {
  // The Docker engine serves API calls at once, and creating and starting a container mostly waits
  // on the daemon (containerd, network setup): docker-compose runs up to 64 at a time. 16 gets
  // nearly all of that speed on a small machine and keeps a shared engine answering others.
  docker: () => 16,
  // The API server takes many requests at once; client-go's default rate limit (burst 10) throttles
  // more than that from one client anyway.
  kubernetes: () => 10,
  // A Terraform working directory holds a state lock: a second plan or apply at once fails on it.
  terraform: () => 1,
  // GitHub asks integrations to make requests serially, not concurrently: concurrent requests
  // trigger its secondary rate limits, which stall every later call for a minute.
  github: () => 1,
  // Files and shell commands run on this machine: its cores, but never fewer than the 4 a plan got before.
  workspace: () => Math.max(4, availableParallelism()),
  network: () => 8,
  // An MCP server is one process answering over one connection; a few calls at once is what it is built for.
  mcp: () => 4,
};

/** Never more than this at once, however wide the plan: each running step holds a connection, a process or both. */
export const MAX_CHOSEN_CONCURRENCY = 32;

/** The default before the graph was looked at; still what a plan with no classified targets gets. */
const FALLBACK_CONCURRENCY = 4;

export interface ChosenConcurrency {
  /** Steps at once in the whole run. */
  readonly overall: number;
  /** Steps at once on one target (a Docker engine, a Terraform workspace), by target. */
  readonly lane: (target: Target | null) => { readonly key: string; readonly limit: number } | null;
}

/**
 * The most steps that can be ready at once, as far as the graph tells: steps are put in levels by
 * their longest chain of dependencies (a level's steps never depend on each other), and the widest
 * level is the width. Dependencies on ids not in the graph are ignored (validation reports them).
 */
export function graphWidth(nodes: readonly GraphNode[]): number {
  // Kahn's order, not recursion: a plan of tens of thousands of chained steps must not overflow the stack.
  const ids = new Set(nodes.map((node) => node.id));
  const dependents = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  for (const node of nodes) {
    const known = node.dependsOn.filter((dependency) => ids.has(dependency));
    waiting.set(node.id, known.length);
    for (const dependency of known) dependents.set(dependency, [...(dependents.get(dependency) ?? []), node.id]);
  }
  const level = new Map<string, number>();
  const ready = nodes.filter((node) => waiting.get(node.id) === 0).map((node) => node.id);
  for (const id of ready) level.set(id, 0);
  while (ready.length) {
    const id = ready.pop()!;
    for (const dependent of dependents.get(id) ?? []) {
      level.set(dependent, Math.max(level.get(dependent) ?? 0, level.get(id)! + 1));
      const left = waiting.get(dependent)! - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  const perLevel = new Map<number, number>();
  // Steps of a cycle never became ready (validation reports the cycle): counted at level 0.
  for (const node of nodes) {
    const at = level.get(node.id) ?? 0;
    perLevel.set(at, (perLevel.get(at) ?? 0) + 1);
  }
  return Math.max(0, ...perLevel.values());
}

/**
 * Steps at once, chosen from the plan and the engines it acts on rather than a constant: as many as
 * the graph's width allows, no more on one target than its engine takes (PER_TARGET), and no more
 * than MAX_CHOSEN_CONCURRENCY in all. Dependency order is the scheduler's, whatever is chosen.
 */
export function chooseConcurrency(nodes: readonly GraphNode[], targetOf: (id: string) => Target | null): ChosenConcurrency {
  const limits = new Map<string, number>();
  const lane = (target: Target | null) => {
    if (!target) return null;
    const key = `${target.kind}:${target.id}`;
    let limit = limits.get(key);
    if (limit === undefined) limits.set(key, (limit = PER_TARGET[target.kind]?.() ?? FALLBACK_CONCURRENCY));
    return { key, limit };
  };
  for (const node of nodes) lane(targetOf(node.id));
  const engines = limits.size ? [...limits.values()].reduce((sum, limit) => sum + limit, 0) : FALLBACK_CONCURRENCY;
  const overall = Math.max(1, Math.min(graphWidth(nodes), engines, MAX_CHOSEN_CONCURRENCY));
  return { overall, lane };
}
