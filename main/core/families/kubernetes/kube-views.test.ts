import { describe, expect, it } from 'vitest';
import { summarize } from './kube-objects';
import { ALL_NAMESPACES, createdAt, jobColumns, kubernetesViews, podColumns, replicaColumns, rowKey, rowPlace, secretColumns, serviceColumns } from './kube-views';

// The views read `kubernetes.list`'s one-line summaries back into columns: these tests hold the
// two together, so a change to summarize that the views would misread fails here.

const pod = (phase: string, ready: boolean[], restarts: number, node?: string) =>
  summarize({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: ready.map((_, index) => ({ name: `c${index}` })), ...(node ? { nodeName: node } : {}) }, status: { phase, containerStatuses: ready.map((isReady) => ({ ready: isReady, restartCount: restarts })) } } as never);

describe('Kubernetes views read summaries into columns', () => {
  it('pods: status, ready, restarts, node, and a tone from phase and readiness', () => {
    expect(podColumns(pod('Running', [true, true], 1, 'kwok-node-0'))).toEqual({ phase: 'Running', ready: '2/2', restarts: 2, node: 'kwok-node-0', tone: 'ok' });
    expect(podColumns(pod('Running', [true, false], 0, 'n1'))).toMatchObject({ ready: '1/2', tone: 'warn' });
    expect(podColumns(pod('Pending', [], 0))).toMatchObject({ phase: 'Pending', node: null, tone: 'warn' });
    expect(podColumns(pod('Failed', [false], 4, 'n1'))).toMatchObject({ restarts: 4, tone: 'bad' });
    expect(podColumns(pod('Succeeded', [false], 0, 'n1')).tone).toBe('idle');
    expect(podColumns('something else')).toMatchObject({ phase: 'something else', tone: 'warn' });
  });

  it('workloads: ready x/y with up to date, daemon sets without, jobs by outcome', () => {
    const deployment = (ready: number, replicas: number) => summarize({ kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas }, status: { readyReplicas: ready, updatedReplicas: replicas } } as never);
    expect(replicaColumns(deployment(2, 2))).toEqual({ ready: '2/2', upToDate: 2, tone: 'ok' });
    expect(replicaColumns(deployment(1, 3))).toMatchObject({ ready: '1/3', tone: 'warn' });
    expect(replicaColumns(deployment(0, 3)).tone).toBe('bad');
    expect(replicaColumns(deployment(0, 0)).tone).toBe('idle');
    expect(replicaColumns(summarize({ kind: 'DaemonSet', metadata: { name: 'ds' }, status: { numberReady: 1, desiredNumberScheduled: 1 } } as never))).toEqual({ ready: '1/1', upToDate: null, tone: 'ok' });
    expect(jobColumns(summarize({ kind: 'Job', metadata: { name: 'j' }, status: { succeeded: 1 } } as never)).tone).toBe('ok');
    expect(jobColumns(summarize({ kind: 'Job', metadata: { name: 'j' }, status: { failed: 2 } } as never)).tone).toBe('bad');
    expect(jobColumns(summarize({ kind: 'Job', metadata: { name: 'j' }, status: { active: 1 } } as never))).toEqual({ state: '1 active', tone: 'warn' });
  });

  it('services: type, cluster IP and ports; secrets: type and a key count, never a value', () => {
    expect(serviceColumns(summarize({ kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', clusterIP: '10.0.0.7', ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } } as never))).toEqual({ type: 'NodePort', clusterIP: '10.0.0.7', ports: '80/TCP,53/UDP' });
    expect(serviceColumns(summarize({ kind: 'Service', metadata: { name: 's' }, spec: { type: 'ExternalName' } } as never))).toEqual({ type: 'ExternalName', clusterIP: null, ports: null });
    const secret = summarize({ kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'QUJD', 'tls.key': 'REVG' } } as never);
    expect(secretColumns(secret)).toEqual({ type: 'kubernetes.io/tls', keys: 2 });
    expect(secretColumns(summarize({ kind: 'Secret', metadata: { name: 's' } } as never))).toEqual({ type: 'Opaque', keys: 0 });
    const view = kubernetesViews.find((candidate) => candidate.id === 'kubernetes.secrets')!;
    const row = view.row({ name: 'db', namespace: 'shop', status: secret }, { context: 'c', namespace: 'shop' });
    expect(JSON.stringify(row)).not.toMatch(/QUJD|REVG|tls\.key/);
  });

  it('ages from the tool\'s created field, or a summary that carries the creation time', () => {
    expect(createdAt({ name: 'x', namespace: null, status: '', created: '2025-01-02T03:04:05Z' })).toBe(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000);
    expect(createdAt({ name: 'x', namespace: null, status: summarize({ kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: new Date('2025-01-02T03:04:05Z') } } as never) })).toBe(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000);
    expect(createdAt({ name: 'x', namespace: null, status: 'Running, 1/1 ready, 0 restarts' })).toBeNull();
  });
});

describe('Kubernetes rows act in the scope shown', () => {
  const one = { context: 'prod', namespace: 'shop' };
  const all = { context: 'prod', namespace: ALL_NAMESPACES };

  it('keys rows by name in one namespace and by namespace/name across all', () => {
    expect(rowKey({ name: 'web', namespace: 'shop', status: '' }, one)).toBe('web');
    expect(rowKey({ name: 'web', namespace: 'shop', status: '' }, all)).toBe('shop/web');
    expect(rowPlace('web', one)).toEqual({ name: 'web', context: 'prod', namespace: 'shop' });
    expect(rowPlace('blog/web', all)).toEqual({ name: 'web', context: 'prod', namespace: 'blog' });
  });

  it('refuses a key that would reach out of the namespace shown', () => {
    expect(() => rowPlace('other/web', one)).toThrow(/not an object name in shop/);
    expect(() => rowPlace('web', all)).toThrow(/not NAMESPACE\/NAME/);
    expect(() => rowPlace('a/b/c', all)).toThrow(/not NAMESPACE\/NAME/);
  });

  it('builds tool inputs from the scope: a deployment restart and delete, a pod delete, a namespace delete through the namespace tool', () => {
    const view = (id: string) => kubernetesViews.find((candidate) => candidate.id === id)!;
    const action = (id: string, action: string) => view(id).actions!.find((candidate) => candidate.id === action)!;
    expect(view('kubernetes.deployments').list.input).toBeTypeOf('function');
    expect((view('kubernetes.pods').list.input as (scope: object) => object)(all)).toEqual({ kind: 'Pod', context: 'prod', allNamespaces: true });
    expect(action('kubernetes.deployments', 'restart').input('web', one)).toEqual({ kind: 'Deployment', name: 'web', context: 'prod', namespace: 'shop' });
    expect(action('kubernetes.pods', 'remove').input('blog/web-1', all)).toEqual({ kind: 'Pod', name: 'web-1', context: 'prod', namespace: 'blog' });
    expect(action('kubernetes.namespaces', 'remove').input('shop', { context: 'prod' })).toEqual({ name: 'shop', context: 'prod' });
    // The cluster's own namespaces are not offered for deletion (the tool refuses them).
    expect([{ name: 'shop' }, { name: 'kube-system' }, { name: 'default' }].map((item) => action('kubernetes.namespaces', 'remove').when!({ ...item, namespace: null, status: 'Active' }))).toEqual([true, false, false]);
    expect(() => (view('kubernetes.events').list.input as (scope: object) => object)(all)).toThrow(/one namespace at a time/);
    expect(view('kubernetes.pods').reads!.logs!.input('web-1', one)).toEqual({ name: 'web-1', context: 'prod', namespace: 'shop', tailLines: 200 });
  });
});
