import { describe, expect, it } from 'vitest';
import { layoutPlan, NODE_HEIGHT, NODE_WIDTH } from './layout';

const at = (steps: { id: string; dependsOn: string[] }[]) => Object.fromEntries(layoutPlan(steps).map((node) => [node.id, node]));

describe('layoutPlan', () => {
  it('puts every step below the steps it depends on, and independent steps side by side', () => {
    const nodes = at([
      { id: 'net', dependsOn: [] },
      { id: 'web', dependsOn: ['net'] },
      { id: 'cache', dependsOn: ['net'] },
      { id: 'check', dependsOn: ['web', 'cache'] },
    ]);
    expect(nodes.web!.y).toBeGreaterThanOrEqual(nodes.net!.y + NODE_HEIGHT);
    expect(nodes.check!.y).toBeGreaterThanOrEqual(nodes.web!.y + NODE_HEIGHT);
    expect(nodes.web!.y).toBe(nodes.cache!.y);
    expect(Math.abs(nodes.web!.x - nodes.cache!.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
    // A single step in a layer is centred under the wider layers.
    expect(nodes.net!.x).toBe((nodes.web!.x + nodes.cache!.x) / 2);
  });

  it('a step waits for its deepest dependency, and no two steps overlap', () => {
    const nodes = layoutPlan(Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, dependsOn: i < 6 ? [] : [`s${i - 6}`, ...(i % 3 === 0 ? [`s${i - 5}`] : [])] })));
    const byId = new Map(nodes.map((node) => [node.id, node]));
    expect(byId.get('s12')!.y).toBe(2 * (NODE_HEIGHT + 56));
    for (const a of nodes) for (const b of nodes) if (a !== b && a.y === b.y) expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
  });

  it('orders a layer after its parents, so edges do not cross needlessly', () => {
    const nodes = at([
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: [] },
      { id: 'under-b', dependsOn: ['b'] },
      { id: 'under-a', dependsOn: ['a'] },
    ]);
    expect(Math.sign(nodes['under-a']!.x - nodes['under-b']!.x)).toBe(Math.sign(nodes.a!.x - nodes.b!.x));
  });
});

