/** A node of the graph the scheduler runs: its id and what it waits for. */
export interface GraphNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

export type NodeOutcome = 'succeeded' | 'failed' | 'skipped';

export interface ScheduleOptions<N extends GraphNode> {
  readonly nodes: readonly N[];
  readonly concurrency: number;
  /** Nodes not to run (rejected, denied, already done…), with the outcome to report for them. */
  readonly preset: ReadonlyMap<string, NodeOutcome>;
  /** 'skipped': the node did not run after all (it waits for a person); its dependents are skipped. */
  readonly execute: (node: N) => Promise<NodeOutcome>;
  /** Once set, no new node starts; running ones finish. */
  readonly shouldStop: () => boolean;
  readonly onSkipped: (node: N, because: string) => void;
  /** What a node shares with others and how many of those may run at once (one Terraform workspace: 1); none by default. */
  readonly lane?: (node: N) => { readonly key: string; readonly limit: number } | null;
}

const blocks = (outcome: NodeOutcome | undefined): boolean => outcome === 'failed' || outcome === 'skipped';

/**
 * Runs a dependency graph: every node whose dependencies all succeeded starts, up to `concurrency`
 * at a time, in plan order among those ready. A node whose dependency failed or was skipped is
 * skipped. After a failure (or a stop), no new node starts and the ones running are awaited.
 *
 * Each node keeps a count of the dependencies it still waits for and each node a list of its
 * dependents, so finishing a node touches only its dependents: rescanning every waiting node after
 * every finish made a 1,000-step plan quadratic.
 */
export async function runGraph<N extends GraphNode>(options: ScheduleOptions<N>): Promise<Map<string, NodeOutcome>> {
  const outcome = new Map<string, NodeOutcome>(options.preset);
  const indexOf = new Map<string, number>();
  const waiting = new Set<N>();
  const dependents = new Map<string, N[]>();
  const unmet = new Map<N, number>();
  options.nodes.forEach((node, index) => {
    if (outcome.has(node.id)) return;
    indexOf.set(node.id, index);
    waiting.add(node);
  });
  // Ready nodes, kept in plan order, so which one starts first does not depend on finishing order.
  const ready: N[] = [];
  const makeReady = (node: N): void => {
    const index = indexOf.get(node.id)!;
    let low = 0;
    for (let high = ready.length; low < high; ) {
      const middle = (low + high) >> 1;
      if (indexOf.get(ready[middle]!.id)! < index) low = middle + 1;
      else high = middle;
    }
    ready.splice(low, 0, node);
  };

  /**
   * Skips a node that waited for one that did not succeed, and, through it, the nodes waiting for it.
   * With an explicit stack, not recursion: a long chain failing at its first step went one call deep
   * per step and overflowed the stack inside the scheduler, so the run rejected without a rollback.
   */
  const skip = (first: N): void => {
    const pending: N[] = [first];
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (!waiting.has(node)) continue;
      const blocker = node.dependsOn.find((dependency) => blocks(outcome.get(dependency)))!;
      waiting.delete(node);
      const index = ready.indexOf(node);
      if (index >= 0) ready.splice(index, 1);
      outcome.set(node.id, 'skipped');
      options.onSkipped(node, `${blocker} ${outcome.get(blocker) === 'failed' ? 'failed' : 'did not run'}`);
      // Reversed, so the dependents are skipped (and reported) in the order the recursion took them.
      const next = dependents.get(node.id) ?? [];
      for (let i = next.length - 1; i >= 0; i--) pending.push(next[i]!);
    }
  };

  const finished = (id: string, result: NodeOutcome): void => {
    outcome.set(id, result);
    for (const dependent of dependents.get(id) ?? []) {
      if (!waiting.has(dependent)) continue;
      if (blocks(result)) skip(dependent);
      else {
        const left = unmet.get(dependent)! - 1;
        unmet.set(dependent, left);
        if (left === 0) makeReady(dependent);
      }
    }
  };

  for (const node of waiting) {
    let count = 0;
    for (const dependency of node.dependsOn) {
      if (outcome.get(dependency) === 'succeeded') continue;
      count += 1;
      let list = dependents.get(dependency);
      if (!list) dependents.set(dependency, (list = []));
      list.push(node);
    }
    unmet.set(node, count);
    if (count === 0) makeReady(node);
  }
  // Nodes preset as not run block their dependents before anything starts.
  for (const node of options.nodes.filter((candidate) => waiting.has(candidate) && candidate.dependsOn.some((dependency) => blocks(outcome.get(dependency))))) skip(node);

  const running = new Map<string, Promise<void>>();
  const busy = new Map<string, number>();
  let failed = false;
  for (;;) {
    const stopping = failed || options.shouldStop();
    // A ready node whose lane is full waits; the next ready one may still start.
    for (let i = 0; !stopping && i < ready.length && running.size < options.concurrency; ) {
      const node = ready[i]!;
      const lane = options.lane?.(node) ?? null;
      if (lane && (busy.get(lane.key) ?? 0) >= lane.limit) {
        i++;
        continue;
      }
      ready.splice(i, 1);
      waiting.delete(node);
      if (lane) busy.set(lane.key, (busy.get(lane.key) ?? 0) + 1);
      const task = options.execute(node).then(
        (result) => {
          if (result === 'failed') failed = true;
          finished(node.id, result);
        },
        () => {
          failed = true;
          finished(node.id, 'failed');
        },
      );
      running.set(
        node.id,
        task.finally(() => {
          running.delete(node.id);
          if (lane) busy.set(lane.key, busy.get(lane.key)! - 1);
        }),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const node of options.nodes) {
    if (!waiting.has(node)) continue;
    outcome.set(node.id, 'skipped');
    options.onSkipped(node, 'the run stopped before it started');
  }
  return outcome;
}
