import { Graph, layout } from '@dagrejs/dagre';

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 84;

export interface LaidOutNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Layered layout of a plan (dependencies above their dependents), by dagre. Depends only on the
 * steps and their edges, so status changes during a run do not move anything.
 */
export function layoutPlan(steps: readonly { id: string; dependsOn: readonly string[] }[]): LaidOutNode[] {
  const graph = new Graph();
  // longest-path ranking: plans are DAGs whose natural layers are their dependency depths, and it is
  // several times faster than dagre's default (network simplex) on large plans.
  graph.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, marginx: 12, marginy: 12, ranker: 'longest-path' });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(steps.map((step) => step.id));
  for (const step of steps) graph.setNode(step.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const step of steps) for (const dependency of step.dependsOn) if (ids.has(dependency)) graph.setEdge(dependency, step.id);
  layout(graph);
  return steps.map((step) => {
    const node = graph.node(step.id);
    return { id: step.id, x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 };
  });
}
