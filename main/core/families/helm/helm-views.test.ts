import { describe, expect, it } from 'vitest';
import { ALL_NAMESPACES, kubernetesViews } from '../kubernetes/kube-views';
import { helmReleasesView, type ListedRelease, releaseTone, updatedAt } from './helm-views';

// The Releases view reads `helm.list`'s rows into columns and acts on a row only in the scope it
// was shown in, with the same scope levels as the Kubernetes views.

const release = (over: Partial<ListedRelease> = {}): ListedRelease => ({
  name: 'web',
  namespace: 'shop',
  revision: 2,
  status: 'deployed',
  chart: 'microservice-0.1.0',
  appVersion: '1.27',
  updated: '2025-01-02 03:04:05.123456789 +0000 UTC',
  attention: null,
  ...over,
});
const one = { context: 'prod', namespace: 'shop' };
const all = { context: 'prod', namespace: ALL_NAMESPACES };
const action = (id: string) => helmReleasesView.actions!.find((candidate) => candidate.id === id)!;

describe('Helm releases view', () => {
  it('reads helm list\'s Go timestamps (any zone) and RFC 3339 into ages', () => {
    const at = Date.UTC(2025, 0, 2, 3, 4, 5) / 1000;
    expect(updatedAt('2025-01-02 03:04:05.123456789 +0000 UTC')).toBe(at);
    expect(updatedAt('2025-01-02 05:04:05.9 +0200 CEST')).toBe(at + 1);
    expect(updatedAt('2025-01-01 22:04:05 -0500 EST')).toBe(at);
    expect(updatedAt('2025-01-02T03:04:05.123456789Z')).toBe(at);
    expect(updatedAt('')).toBeNull();
    expect(updatedAt('yesterday')).toBeNull();
  });

  it('gives each status its tone: deployed ok, failed bad, pending-* warn, superseded and uninstalled idle', () => {
    expect(['deployed', 'failed', 'pending-install', 'pending-upgrade', 'pending-rollback', 'superseded', 'uninstalled', 'unknown'].map(releaseTone)).toEqual(['ok', 'bad', 'warn', 'warn', 'warn', 'idle', 'idle', 'warn']);
  });

  it('shows name, revision, status, chart, app version, age and what to do about a stuck release', () => {
    const advice = 'Release web is stuck in pending-upgrade (revision 3): … Roll it back to revision 2';
    const row = helmReleasesView.row(release({ revision: 3, status: 'pending-upgrade', attention: advice }), one);
    expect(row).toMatchObject({ key: 'web', tone: 'warn', cells: { name: 'web', revision: 3, status: 'pending-upgrade', chart: 'microservice-0.1.0', appVersion: '1.27', updated: Date.UTC(2025, 0, 2, 3, 4, 5) / 1000, attention: advice } });
    expect(helmReleasesView.columns.map((column) => column.key)).toEqual(['name', 'namespace', 'revision', 'status', 'chart', 'appVersion', 'updated', 'attention']);
    expect(helmReleasesView.columns.find((column) => column.key === 'namespace')?.acrossOnly).toBe('namespace');
  });

  it('lists with helm.list in the namespace shown, or in every namespace', () => {
    const input = helmReleasesView.list.input as (scope: object) => object;
    expect(input(one)).toEqual({ context: 'prod', namespace: 'shop' });
    expect(input(all)).toEqual({ context: 'prod', allNamespaces: true });
    expect(helmReleasesView.list.rows({ releases: [release()] }, one)).toEqual([release()]);
  });

  it('has the Kubernetes views\' scope levels, so the same contexts and namespaces are offered', () => {
    const pods = kubernetesViews.find((view) => view.id === 'kubernetes.pods')!;
    expect(helmReleasesView.scope!.map((level) => level.id)).toEqual(['context', 'namespace']);
    // The very same levels (one place reads contexts and namespaces), not look-alikes.
    helmReleasesView.scope!.forEach((level, index) => expect(level).toBe(pods.scope![index]));
  });

  it('rolls back and uninstalls the row\'s release where it was shown, keyed NAMESPACE/NAME across every namespace', () => {
    expect(helmReleasesView.row(release(), all).key).toBe('shop/web');
    // No revision: the tool's default, the deployed revision before the newest.
    expect(action('rollback').input('web', one)).toEqual({ release: 'web', context: 'prod', namespace: 'shop' });
    expect(action('remove').input('blog/web', all)).toEqual({ release: 'web', context: 'prod', namespace: 'blog' });
    expect(helmReleasesView.reads!.history!.input('web', one)).toEqual({ release: 'web', context: 'prod', namespace: 'shop' });
    expect(() => action('rollback').input('other/web', one)).toThrow(/not an object name in shop/);
    expect(() => action('remove').input('web', all)).toThrow(/not NAMESPACE\/NAME/);
  });

  it('offers a roll back only when there is an earlier revision, and no uninstall of an uninstalled release', () => {
    expect([release({ revision: 1 }), release({ revision: 2 }), release({ revision: 4, status: 'failed' }), release({ revision: 3, status: 'uninstalled' })].map((item) => action('rollback').when!(item))).toEqual([false, true, true, false]);
    expect([release(), release({ status: 'failed' }), release({ status: 'uninstalled' })].map((item) => action('remove').when!(item))).toEqual([true, true, false]);
  });
});
