import { describe, expect, it } from 'vitest';
import { type DiscoveredKind, matchKind } from './kube-discovery';

const resource = (kind: string, plural: string, group: string, version: string, namespaced: boolean, shortNames: string[] = []): DiscoveredKind => ({
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  group,
  apiVersion: group ? `${group}/${version}` : version,
  namespaced,
});

// In the order a server lists them: the core group, built-in groups, then CRDs and aggregated APIs.
const served = [
  resource('Event', 'events', '', 'v1', true, ['ev']),
  resource('Lease', 'leases', 'coordination.k8s.io', 'v1', true),
  resource('Event', 'events', 'events.k8s.io', 'v1', true, ['ev']),
  resource('Widget', 'widgets', 'reign.test', 'v1', true, ['wdg']),
  resource('Gadget', 'gadgets', 'reign.test', 'v1', false, ['gdg']),
  resource('Widget', 'widgets', 'other.example', 'v2', false),
];

describe('matchKind', () => {
  it('finds a resource by kind, plural, singular or short name, case-insensitively, with its apiVersion and scope', () => {
    for (const name of ['Widget', 'widget', 'WIDGETS', 'wdg']) expect(matchKind(served, name), name).toMatchObject({ kind: 'Widget', apiVersion: 'reign.test/v1', namespaced: true });
    expect(matchKind(served, 'gdg')).toMatchObject({ kind: 'Gadget', namespaced: false });
    expect(matchKind(served, 'leases')).toMatchObject({ kind: 'Lease', apiVersion: 'coordination.k8s.io/v1' });
  });

  it('prefers the group the server lists first, as kubectl does, and takes plural.group to pick another', () => {
    expect(matchKind(served, 'ev')?.apiVersion).toBe('v1');
    expect(matchKind(served, 'widgets.other.example')).toMatchObject({ apiVersion: 'other.example/v2', namespaced: false });
    expect(matchKind(served, 'widget.other.example')).toMatchObject({ apiVersion: 'other.example/v2' });
  });

  it('with an apiVersion, looks only in that group and keeps the version asked for', () => {
    expect(matchKind(served, 'widgets', 'other.example/v1')).toMatchObject({ kind: 'Widget', apiVersion: 'other.example/v1', namespaced: false });
    expect(matchKind(served, 'gadgets', 'other.example/v2')).toBeNull();
  });

  it('finds nothing for a name no resource has', () => {
    expect(matchKind(served, 'wodget')).toBeNull();
    expect(matchKind(served, 'widgets.nowhere.example')).toBeNull();
    expect(matchKind([], 'Widget')).toBeNull();
  });
});
