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

  // Coordinates: each step as near as it can be to the mean of its parents (then, for steps with no
  // parent, of its children), without overlapping its neighbours, keeping the order found above.
  const STEP = NODE_WIDTH + GAP_X;
  const x = new Map<string, number>();
  for (const layer of layers) layer.forEach((id, index) => x.set(id, index * STEP));
  const settle = (layer: readonly string[], neighbours: (id: string) => readonly string[]): void => {
    const desired = layer.map((id) => {
      const near = neighbours(id);
      return near.length ? near.reduce((sum, other) => sum + x.get(other)!, 0) / near.length : x.get(id)!;
    });
    const placed = desired.map((value) => value);
    for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i]!, placed[i - 1]! + STEP);
    const drift = placed.reduce((sum, value, i) => sum + value - desired[i]!, 0) / placed.length;
    layer.forEach((id, i) => x.set(id, placed[i]! - drift));
  };
  for (const layer of layers.slice(1)) settle(layer, (id) => parents.get(id)!);
  for (const layer of layers.slice(0, -1).reverse()) settle(layer, (id) => (parents.get(id)!.length ? [] : children.get(id)!));
  const left = Math.min(...x.values());
  return steps.map((step) => ({ id: step.id, x: x.get(step.id)! - left, y: depth.get(step.id)! * (NODE_HEIGHT + GAP_Y) }));
}

/** A plan of up to this many steps opens shown whole; a larger one opens on its first steps at a readable size. */
export const FIRST_SCREEN_STEPS = 24;
