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
}

/**
 * Runs a dependency graph: every node whose dependencies all succeeded starts, up to `concurrency`
 * at a time. A node whose dependency failed or was skipped is skipped. After a failure (or a stop),
 * no new node starts and the ones running are awaited.
 */
export async function runGraph<N extends GraphNode>(options: ScheduleOptions<N>): Promise<Map<string, NodeOutcome>> {
  const outcome = new Map<string, NodeOutcome>(options.preset);
  const waiting = options.nodes.filter((node) => !outcome.has(node.id));
  const running = new Map<string, Promise<void>>();
  let failed = false;

  const settle = (): void => {
    // Propagate skips until nothing changes: a node is skipped once any dependency did not succeed.
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = waiting.length - 1; i >= 0; i--) {
        const node = waiting[i]!;
        const blocker = node.dependsOn.find((dependency) => outcome.get(dependency) === 'failed' || outcome.get(dependency) === 'skipped');
        if (blocker) {
          waiting.splice(i, 1);
          outcome.set(node.id, 'skipped');
          options.onSkipped(node, `${blocker} ${outcome.get(blocker) === 'failed' ? 'failed' : 'did not run'}`);
          changed = true;
        }
      }
    }
  };

  for (;;) {
    settle();
    const stopping = failed || options.shouldStop();
    if (!stopping) {
      for (let i = 0; i < waiting.length && running.size < options.concurrency; ) {
        const node = waiting[i]!;
        if (node.dependsOn.every((dependency) => outcome.get(dependency) === 'succeeded')) {
          waiting.splice(i, 1);
          const task = options.execute(node).then(
            (result) => {
              outcome.set(node.id, result);
              if (result === 'failed') failed = true;
            },
            () => {
              outcome.set(node.id, 'failed');
              failed = true;
            },
          );
          running.set(node.id, task.finally(() => running.delete(node.id)));
        } else i++;
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const node of waiting) {
    outcome.set(node.id, 'skipped');
    options.onSkipped(node, 'the run stopped before it started');
  }
  return outcome;
}
