import { describe, expect, it } from 'vitest';
import { quantity, sampleOf } from './kube-pod-metrics';

describe('quantity', () => {
  it('reads the quantities metrics-server writes, in cores and bytes', () => {
    expect(quantity('250m')).toBeCloseTo(0.25);
    expect(quantity('123456789n')).toBeCloseTo(0.123456789);
    expect(quantity('1500u')).toBeCloseTo(0.0015);
    expect(quantity('2')).toBe(2);
    expect(quantity('64Mi')).toBe(64 * 1024 * 1024);
    expect(quantity('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(quantity('12k')).toBe(12_000);
  });

  it('refuses text that is not a quantity, saying what one looks like', () => {
    expect(() => quantity('lots')).toThrow('"lots" is not a Kubernetes quantity (like 250m, 64Mi or 2)');
  });
});

describe('sampleOf', () => {
  it("adds up a pod's containers and keeps each one", () => {
    const sample = sampleOf({ timestamp: '2026-01-01T00:00:00Z', window: '15.02s', containers: [{ name: 'app', usage: { cpu: '200m', memory: '100Mi' } }, { name: 'proxy', usage: { cpu: '50000000n', memory: '20Mi' } }] });
    expect(sample.cpuCores).toBeCloseTo(0.25);
    expect(sample.memoryBytes).toBe(120 * 1024 * 1024);
    expect(sample).toMatchObject({ at: '2026-01-01T00:00:00Z', windowSeconds: 15.02, containers: [{ name: 'app' }, { name: 'proxy' }] });
  });
});
