import { describe, expect, it } from 'vitest';
import { changeRisk } from './kube-change-risk';

describe('changeRisk', () => {
  it('is a write in an ordinary namespace', () => {
    expect(changeRisk('patches Deployment/web in shop', [{ kind: 'Deployment', name: 'web', namespace: 'shop' }])).toEqual({ risk: 'write', reasons: ['patches Deployment/web in shop'] });
  });

  it('is destructive in kube-system, for cluster-wide kinds and for any cluster-scoped object', () => {
    expect(changeRisk('x', [{ kind: 'ConfigMap', name: 'coredns', namespace: 'kube-system' }])).toMatchObject({ risk: 'destructive', reasons: ["changes ConfigMap/coredns in kube-system: the cluster's own components"] });
    expect(changeRisk('x', [{ kind: 'ClusterRole', name: 'admin', namespace: null }]).risk).toBe('destructive');
    expect(changeRisk('x', [{ kind: 'ValidatingWebhookConfiguration', name: 'hook', namespace: 'shop' }]).risk).toBe('destructive');
    expect(changeRisk('x', [{ kind: 'ClusterIssuer', name: 'letsencrypt', namespace: null }])).toMatchObject({ risk: 'destructive', reasons: ['changes ClusterIssuer/letsencrypt, which is cluster-wide'] });
  });
});
