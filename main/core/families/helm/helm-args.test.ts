import { describe, expect, it } from 'vitest';
import { chartArgs, chartSource, clusterFlags, releaseName, setToValues, valuesArgs } from './helm-args';

describe('helm arguments', () => {
  it('always names the context and namespace', () => {
    expect(clusterFlags({ context: 'prod-eu', namespace: 'shop' })).toEqual(['--kube-context', 'prod-eu', '--namespace', 'shop']);
  });

  it('tells a chart folder, a repository chart and an OCI chart apart, with --version only where it means something', () => {
    expect(chartSource('charts/web', undefined, true)).toEqual({ kind: 'local', path: 'charts/web' });
    expect(chartArgs(chartSource('charts/web', undefined, true), '/ws/charts/web')).toEqual(['/ws/charts/web']);
    expect(chartArgs(chartSource('bitnami/redis', '19.6.4', false))).toEqual(['bitnami/redis', '--version', '19.6.4']);
    expect(chartArgs(chartSource('oci://registry.example.com/charts/web', '1.0.0', false))).toEqual(['oci://registry.example.com/charts/web', '--version', '1.0.0']);
    expect(chartSource('oci://registry.example.com/charts/web', undefined, false)).toMatchObject({ kind: 'oci', host: 'registry.example.com' });
    expect(() => chartSource('charts/web', '1.0.0', true)).toThrow(/chart folder, whose version is the one in its Chart.yaml/);
    expect(() => chartSource('https://example.com/web-1.0.0.tgz', undefined, false)).toThrow(/helm.repo.add/);
    expect(() => chartSource('deploy/charts/web', undefined, false)).toThrow(/no chart folder "deploy\/charts\/web"/);
  });

  it('puts values files in order and the overrides file last, so it wins as --set does', () => {
    expect(valuesArgs(['/ws/a.yaml', '/ws/b.yaml'], '/tmp/set.yaml')).toEqual(['--values', '/ws/a.yaml', '--values', '/ws/b.yaml', '--values', '/tmp/set.yaml']);
    expect(valuesArgs([], null)).toEqual([]);
  });

  it('turns --set paths into typed nested values, refusing paths that contradict each other', () => {
    expect(setToValues({ 'image.tag': '1.2', replicaCount: 2, 'ingress.enabled': true, 'annotations.example\\.com/team': 'shop', nothing: null })).toEqual({ image: { tag: '1.2' }, replicaCount: 2, ingress: { enabled: true }, annotations: { 'example.com/team': 'shop' }, nothing: null });
    expect(() => setToValues({ image: 'nginx', 'image.tag': '1' })).toThrow(/goes inside "image"/);
    expect(() => setToValues({ 'image.tag': '1', image: 'nginx' })).toThrow(/both as a value and as a map/);
    expect(() => setToValues({ 'hosts[0].host': 'a' })).toThrow(/list item/);
    expect(() => setToValues({ 'a..b': 1 })).toThrow(/not a values path/);
  });

  it('accepts release names helm accepts', () => {
    expect(releaseName.safeParse('web-2').success).toBe(true);
    for (const bad of ['Web', '-web', 'web_2', 'a'.repeat(54)]) expect(releaseName.safeParse(bad).success, bad).toBe(false);
  });
});
