import { describe, expect, it } from 'vitest';
import { deploymentRevisions, type ReplicaSetLike, rollbackPatch, rollbackTarget, sameTemplate } from './kube-rollout-revisions';

const deployment = { metadata: { name: 'web', uid: 'd1', annotations: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'image 3', team: 'a' } }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:3' }] } } } };
const replicaSet = (revision: number, image: string, owner = 'd1'): ReplicaSetLike => ({
  metadata: { name: `web-${revision}`, ownerReferences: [{ uid: owner, controller: true }], annotations: { 'deployment.kubernetes.io/revision': String(revision), 'deployment.kubernetes.io/desired-replicas': '2', 'kubernetes.io/change-cause': `image ${revision}`, team: 'a' } },
  spec: { template: { metadata: { labels: { app: 'web', 'pod-template-hash': `h${revision}` } }, spec: { containers: [{ name: 'web', image }] } } },
  status: { replicas: revision === 3 ? 2 : 0 },
});
const sets = [replicaSet(3, 'web:3'), replicaSet(1, 'web:1'), replicaSet(2, 'web:2'), replicaSet(9, 'other:9', 'someone-else')];

describe('Deployment revisions', () => {
  it('are its own ReplicaSets by revision, with change-cause and images', () => {
    expect(deploymentRevisions(deployment, sets).map((revision) => [revision.revision, revision.changeCause, revision.images, revision.replicas])).toEqual([
      [1, 'image 1', ['web:1'], 0],
      [2, 'image 2', ['web:2'], 0],
      [3, 'image 3', ['web:3'], 2],
    ]);
  });

  it('roll back to the newest but one, or the revision named; a missing one is refused with those there are', () => {
    expect(rollbackTarget(deployment, sets, 0).metadata.name).toBe('web-2');
    expect(rollbackTarget(deployment, sets, 1).metadata.name).toBe('web-1');
    expect(() => rollbackTarget(deployment, sets, 9)).toThrow('Deployment web has no revision 9 (it has 1, 2, 3)');
    expect(() => rollbackTarget(deployment, [replicaSet(1, 'web:1')], 0)).toThrow(/no earlier revision/);
  });

  it("patch in the ReplicaSet's template without its hash label, keeping the Deployment's bookkeeping annotations", () => {
    const [template, annotations] = rollbackPatch(deployment, replicaSet(1, 'web:1'));
    expect(template).toEqual({ op: 'replace', path: '/spec/template', value: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } });
    expect(annotations).toEqual({ op: 'add', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'image 1', team: 'a' } });
  });

  it('compare templates without the hash label', () => {
    expect(sameTemplate(replicaSet(3, 'web:3').spec!.template, deployment.spec.template)).toBe(true);
    expect(sameTemplate(replicaSet(2, 'web:2').spec!.template, deployment.spec.template)).toBe(false);
  });
});
