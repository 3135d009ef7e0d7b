import { describe, expect, it } from 'vitest';
import { layoutPlan, NODE_HEIGHT } from './layout';

describe('layoutPlan', () => {
  it('puts every step below the steps it depends on, and independent steps side by side', () => {
    const nodes = layoutPlan([
      { id: 'net', dependsOn: [] },
      { id: 'web', dependsOn: ['net'] },
      { id: 'cache', dependsOn: ['net'] },
      { id: 'check', dependsOn: ['web', 'cache'] },
    ]);
    const at = Object.fromEntries(nodes.map((node) => [node.id, node]));
    expect(at.web!.y).toBeGreaterThanOrEqual(at.net!.y + NODE_HEIGHT);
    expect(at.check!.y).toBeGreaterThanOrEqual(at.web!.y + NODE_HEIGHT);
    expect(at.web!.y).toBe(at.cache!.y);
    expect(at.web!.x).not.toBe(at.cache!.x);
  });
});
