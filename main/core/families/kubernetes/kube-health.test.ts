import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { testCluster } from '../../../../e2e/fixtures/test-cluster';
import { refusedRead } from '../../dashboard/health-read-policy';
import { PolicyEngine } from '../../policy/policy-engine';
import type { PolicyRule } from '../../policy/policy-engine';
import { kubernetesHealth } from './kube-health';

const { cluster, problem } = testCluster();
const where = (rules: PolicyRule[]) => {
  const policy = new PolicyEngine({ rules, production: [] });
  const asked: string[] = [];
  return {
    asked,
    where: {
      env: { KUBECONFIG: cluster?.kubeconfig ?? '/nowhere' },
      secret: () => null,
      workspace: '/nowhere',
      signal: AbortSignal.timeout(20_000),
      readRefusal: (id: string, tool: string) => (asked.push(`${tool} ${id}`), refusedRead(policy, id, tool)),
    },
  };
};

describe('the Kubernetes cards of the dashboard (the test cluster)', () => {
  it('reads a context the policy allows, and not one a rule denies reads of, naming the rule', async (context) => {
    requireInfrastructure(context, problem, 'the test Kubernetes cluster (REIGN_TEST_KUBECONFIG)');
    const allowed = where([]);
    const [open] = await kubernetesHealth(allowed.where);
    expect(allowed.asked).toEqual(['kubernetes.list kubernetes:reign-test/*']);
    expect(open).toMatchObject({ id: 'kubernetes:reign-test/*', state: expect.stringMatching(/reachable|pods failing/) });
    expect(open!.facts.find((fact) => fact.label === 'Server')?.value).toMatch(/^v1\./);

    const denied = where([{ tool: 'kubernetes.*', target: 'kubernetes:reign-test/*', decision: 'deny' }]);
    const [closed] = await kubernetesHealth(denied.where);
    expect(closed).toMatchObject({ id: 'kubernetes:reign-test/*', label: 'reign-test', state: 'not read', facts: [], counts: [], open: null });
    expect(closed!.summary).toContain('policy rule “deny kubernetes.* on kubernetes:reign-test/*”');
  });
});
