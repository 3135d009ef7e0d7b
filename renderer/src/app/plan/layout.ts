export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 84;
const GAP_X = 28;
const GAP_Y = 56;
const SWEEPS = 4;

export interface LaidOutNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Layered layout of a plan: a step's layer is its dependency depth (longest path), so every step
 * sits below what it depends on; within a layer, steps are ordered by the mean position of their
 * neighbours in the layer above and below (barycentre sweeps), which removes most edge crossings.
 * Depends only on the steps and their edges, so status changes during a run move nothing.
 * (Linear in steps and edges per sweep: a 300-step plan lays out in a few milliseconds.)
 */
export function layoutPlan(steps: readonly { id: string; dependsOn: readonly string[] }[]): LaidOutNode[] {
  const ids = new Set(steps.map((step) => step.id));
  const parents = new Map(steps.map((step) => [step.id, step.dependsOn.filter((id) => ids.has(id))]));
  const children = new Map<string, string[]>(steps.map((step) => [step.id, []]));
  for (const [id, deps] of parents) for (const dep of deps) children.get(dep)!.push(id);

  const depth = new Map<string, number>();
  const depthOf = (id: string, seen = new Set<string>()): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle cannot reach here (plans are validated), but never loop
    seen.add(id);
    const value = Math.max(-1, ...parents.get(id)!.map((dep) => depthOf(dep, seen))) + 1;
    depth.set(id, value);
    return value;
  };
  const layers: string[][] = [];
  for (const step of steps) (layers[depthOf(step.id)] ??= []).push(step.id);

  const position = new Map<string, number>();
  const place = (layer: string[]): void => layer.forEach((id, index) => position.set(id, index));
  layers.forEach(place);
  const mean = (neighbours: readonly string[], fallback: number): number => (neighbours.length ? neighbours.reduce((sum, id) => sum + position.get(id)!, 0) / neighbours.length : fallback);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const layer of order) {
      const keys = new Map(layer.map((id) => [id, mean(down ? parents.get(id)! : children.get(id)!, position.get(id)!)]));
      layer.sort((a, b) => keys.get(a)! - keys.get(b)! || position.get(a)! - position.get(b)!);
      place(layer);
    }
  }

  const widest = Math.max(...layers.map((layer) => layer.length));
  const span = (count: number): number => count * NODE_WIDTH + (count - 1) * GAP_X;
  return steps.map((step) => {
    const layer = depth.get(step.id)!;
    const offset = (span(widest) - span(layers[layer]!.length)) / 2;
    return { id: step.id, x: offset + position.get(step.id)! * (NODE_WIDTH + GAP_X), y: layer * (NODE_HEIGHT + GAP_Y) };
  });
}
