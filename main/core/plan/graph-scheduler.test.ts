import { describe, expect, it } from 'vitest';
import { type GraphNode, type NodeOutcome, runGraph } from './graph-scheduler';

/** A chain: each node waits for the one before it. */
const chain = (length: number): GraphNode[] => Array.from({ length }, (_, i) => ({ id: `s${i}`, dependsOn: i ? [`s${i - 1}`] : [] }));

describe('runGraph', () => {
  it('skips every step of a 50,000-step chain whose first step fails, without overflowing the stack', async () => {
    const nodes = chain(50_000);
    const ran: string[] = [];
    const skipped: [string, string][] = [];
    const outcome = await runGraph({
      nodes,
      concurrency: 4,
      preset: new Map(),
      execute: async (node) => {
        ran.push(node.id);
        return 'failed';
      },
      shouldStop: () => false,
      onSkipped: (node, because) => skipped.push([node.id, because]),
    });
    expect(ran).toEqual(['s0']);
    expect(outcome.get('s0')).toBe('failed');
    expect(skipped).toHaveLength(49_999);
    expect(nodes.slice(1).every((node) => outcome.get(node.id) === 'skipped')).toBe(true);
    // Each step is reported skipped because of the one it waited for, in chain order.
    expect(skipped[0]).toEqual(['s1', 's0 failed']);
    expect(skipped.at(-1)).toEqual(['s49999', 's49998 did not run']);
    expect(skipped.map(([id]) => id)).toEqual(nodes.slice(1).map((node) => node.id));
  });

  it('skips a long chain behind a step preset as not run before anything starts', async () => {
    const nodes = chain(50_000);
    const outcome = await runGraph({
      nodes,
      concurrency: 2,
      preset: new Map<string, NodeOutcome>([['s0', 'skipped']]),
      execute: async () => 'succeeded',
      shouldStop: () => false,
      onSkipped: () => undefined,
    });
    expect([...outcome.values()].filter((result) => result === 'skipped')).toHaveLength(50_000);
  });

  it('skips the dependents of a failed step, in the order of their dependencies, and still runs the independent ones', async () => {
    // a fails; b and c wait for a; d waits for b; e waits for nothing.
    const nodes: GraphNode[] = [
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: ['a'] },
      { id: 'c', dependsOn: ['a'] },
      { id: 'd', dependsOn: ['b'] },
      { id: 'e', dependsOn: [] },
    ];
    const skipped: string[] = [];
    const outcome = await runGraph({
      nodes,
      concurrency: 2,
      preset: new Map(),
      execute: async (node) => (node.id === 'a' ? 'failed' : 'succeeded'),
      shouldStop: () => false,
      onSkipped: (node, because) => skipped.push(`${node.id}: ${because}`),
    });
    expect(skipped).toEqual(['b: a failed', 'd: b did not run', 'c: a failed']);
    expect(outcome.get('e')).toBe('succeeded');
  });
});
