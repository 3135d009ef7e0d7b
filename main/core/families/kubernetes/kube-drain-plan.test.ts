import { describe, expect, it } from 'vitest';
import { type DrainPod, planDrain } from './kube-drain-plan';

const pod = (name: string, extra: { owner?: string; annotations?: Record<string, string>; emptyDir?: boolean; phase?: string; deleting?: boolean } = {}): DrainPod => ({
  metadata: { name, namespace: 'shop', annotations: extra.annotations, deletionTimestamp: extra.deleting ? '2026-01-01T00:00:00Z' : undefined, ownerReferences: extra.owner ? [{ kind: extra.owner, name: `${name}-owner`, controller: true }] : [] },
  spec: { volumes: extra.emptyDir ? [{ name: 'cache', emptyDir: {} }] : [] },
  status: { phase: extra.phase ?? 'Running' },
});
const defaults = { ignoreDaemonSets: true, deleteEmptyDirData: false, force: false };

describe('planDrain', () => {
  it('evicts controller-managed pods and leaves DaemonSet, mirror and terminating pods', () => {
    const plan = planDrain([pod('web', { owner: 'ReplicaSet' }), pod('agent', { owner: 'DaemonSet' }), pod('etcd', { annotations: { 'kubernetes.io/config.mirror': 'x' } }), pod('old', { owner: 'ReplicaSet', deleting: true })], defaults);
    expect(plan.evict).toEqual([{ pod: 'shop/web', why: 'ReplicaSet web-owner' }]);
    expect(plan.pods.map((entry) => entry.metadata.name)).toEqual(['web']);
    expect(plan.skipped.map((note) => note.pod)).toEqual(['shop/agent', 'shop/etcd', 'shop/old']);
    expect(plan.blocked).toEqual([]);
  });

  it('stops on pods that would be lost, naming the option that allows each', () => {
    const plan = planDrain([pod('bare'), pod('cache', { owner: 'ReplicaSet', emptyDir: true }), pod('agent', { owner: 'DaemonSet' })], { ...defaults, ignoreDaemonSets: false });
    expect(plan.blocked.map((note) => note.why)).toEqual([expect.stringMatching(/set force/), expect.stringMatching(/emptyDir data \(cache\).*set deleteEmptyDirData/), expect.stringMatching(/DaemonSet agent-owner \(set ignoreDaemonSets/)]);
    expect(plan.evict).toEqual([]);
    const forced = planDrain([pod('bare'), pod('cache', { owner: 'ReplicaSet', emptyDir: true })], { ...defaults, force: true, deleteEmptyDirData: true });
    expect(forced.evict.map((note) => note.pod)).toEqual(['shop/bare', 'shop/cache']);
  });

  it('evicts finished pods even without a controller', () => {
    expect(planDrain([pod('job-run', { phase: 'Succeeded', emptyDir: true })], defaults).evict).toEqual([{ pod: 'shop/job-run', why: 'finished (Succeeded)' }]);
  });
});
