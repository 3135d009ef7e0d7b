import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { firstPod, pickContainer, podPort, requireRunning } from './kube-pods';

const pod = (name: string, phase: string, ready: boolean, created: string, extra: Partial<V1Pod['metadata']> = {}): V1Pod => ({
  metadata: { name, creationTimestamp: new Date(created), ...extra },
  spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }, { name: 'proxy' }] },
  status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe('firstPod', () => {
  it('picks a ready pod over a running one over a pending one, the newest among equals, never one being deleted', () => {
    const pods = [pod('pending', 'Pending', false, '2026-01-03'), pod('running', 'Running', false, '2026-01-04'), pod('ready-old', 'Running', true, '2026-01-01'), pod('ready-new', 'Running', true, '2026-01-02'), pod('leaving', 'Running', true, '2026-01-05', { deletionTimestamp: new Date('2026-01-06') })];
    expect(firstPod(pods)?.metadata?.name).toBe('ready-new');
    expect(firstPod(pods.filter((candidate) => !candidate.metadata?.name?.startsWith('ready')))?.metadata?.name).toBe('running');
    expect(firstPod([pods[4]!])).toBeNull();
  });
});

describe('pickContainer', () => {
  it('takes the container named, else the default-container annotation, else the first, saying so when there are several', () => {
    expect(pickContainer(pod('p', 'Running', true, '2026-01-01'), 'proxy')).toEqual({ container: 'proxy', note: null });
    expect(pickContainer(pod('p', 'Running', true, '2026-01-01'))).toEqual({ container: 'app', note: 'Defaulted container "app" out of: app, proxy' });
    expect(pickContainer(pod('p', 'Running', true, '2026-01-01', { annotations: { 'kubectl.kubernetes.io/default-container': 'proxy' } })).container).toBe('proxy');
  });

  it('fails naming the containers a pod has', () => {
    expect(() => pickContainer(pod('p', 'Running', true, '2026-01-01'), 'db')).toThrow('pod p has no container "db" (it has app, proxy)');
  });
});

describe('podPort', () => {
  it('takes a number as it is and a name from the containers\' ports', () => {
    const web = pod('p', 'Running', true, '2026-01-01');
    expect(podPort(web, 9000)).toBe(9000);
    expect(podPort(web, '9000')).toBe(9000);
    expect(podPort(web, 'http')).toBe(8080);
    expect(() => podPort(web, 'grpc')).toThrow('pod p has no port named "grpc"');
  });
});

describe('requireRunning', () => {
  it('lets a running pod through and names the phase of one that is not', () => {
    expect(requireRunning(pod('p', 'Running', false, '2026-01-01')).metadata?.name).toBe('p');
    expect(() => requireRunning(pod('p', 'Pending', false, '2026-01-01'))).toThrow('pod p is Pending, not running yet; see kubernetes.events for why');
    expect(() => requireRunning(pod('p', 'Succeeded', false, '2026-01-01'))).toThrow('pod p has finished (Succeeded): nothing runs in it any more');
  });
});
