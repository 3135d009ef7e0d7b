import { describe, expect, it } from 'vitest';
import type { DriftRecord } from './terraform-drift-record';
import { type RawState, stateResourceRows } from './terraform-state-resources';

// A state as `terraform state pull` prints it (format 4), trimmed to what the rows read.
const state: RawState = {
  serial: 7,
  lineage: 'line-1',
  resources: [
    { mode: 'managed', type: 'random_pet', name: 'name', provider: 'provider["registry.terraform.io/hashicorp/random"]', instances: [{ attributes: { id: 'quick-fox' } }] },
    {
      mode: 'managed',
      type: 'local_file',
      name: 'notes',
      module: 'module.files',
      provider: 'provider["registry.terraform.io/hashicorp/local"]',
      instances: [{ index_key: 'a', attributes: { id: 'abc' } }, { index_key: 'b', attributes: { id: 'def' } }],
    },
    { mode: 'managed', type: 'tls_private_key', name: 'key', provider: 'provider["registry.terraform.io/hashicorp/tls"]', instances: [{ index_key: 0, attributes: { id: 'secret-id' }, sensitive_attributes: [[{ type: 'get_attr', value: 'id' }]] }] },
    { mode: 'data', type: 'local_file', name: 'read', provider: 'provider["registry.terraform.io/hashicorp/local"]', instances: [{ attributes: { id: 'xyz' } }] },
  ],
};

const record = (over: Partial<DriftRecord> = {}): DriftRecord => ({
  checkedAt: '2026-12-01T10:00:00.000Z',
  lineage: 'line-1',
  serial: 7,
  drifted: [
    { address: 'module.files.local_file.notes["a"]', action: 'update', attributes: ['content'] },
    { address: 'random_pet.name', action: 'delete', attributes: ['id', 'length'] },
  ],
  ...over,
});

describe('the Terraform state as rows of the Resources view', () => {
  it('gives every instance its address as terraform state list prints it, its provider and its id', () => {
    const { resources, lastCheck } = stateResourceRows(state, null);
    expect(resources.map((row) => [row.address, row.provider, row.id])).toEqual([
      ['random_pet.name', 'hashicorp/random', 'quick-fox'],
      ['module.files.local_file.notes["a"]', 'hashicorp/local', 'abc'],
      ['module.files.local_file.notes["b"]', 'hashicorp/local', 'def'],
      ['tls_private_key.key[0]', 'hashicorp/tls', null], // the provider marks its id sensitive
      ['data.local_file.read', 'hashicorp/local', 'xyz'],
    ]);
    expect(resources.every((row) => row.drift === 'not checked')).toBe(true);
    expect(lastCheck).toBeNull();
  });

  it('says what the last drift check found while the state is still the one it checked', () => {
    const { resources, lastCheck } = stateResourceRows(state, record());
    expect(Object.fromEntries(resources.map((row) => [row.address, [row.drift, row.driftedAttributes]]))).toEqual({
      'random_pet.name': ['deleted', []],
      'module.files.local_file.notes["a"]': ['drifted', ['content']],
      'module.files.local_file.notes["b"]': ['in sync', []],
      'tls_private_key.key[0]': ['in sync', []],
      // Data sources are read again on every plan: nothing of theirs drifts.
      'data.local_file.read': ['not checked', []],
    });
    expect(lastCheck).toEqual({ checkedAt: '2026-12-01T10:00:00.000Z', drifted: 2, current: true });
  });

  it('does not carry a check over to a state that changed since (an apply, another lineage)', () => {
    for (const stale of [record({ serial: 6 }), record({ lineage: 'other' })]) {
      const { resources, lastCheck } = stateResourceRows(state, stale);
      expect(resources.map((row) => row.drift)).toEqual(Array(5).fill('not checked'));
      expect(lastCheck).toMatchObject({ current: false, drifted: 2 });
    }
  });

  it('lists nothing for a workspace nothing was applied to', () => {
    expect(stateResourceRows({}, null)).toEqual({ resources: [], lastCheck: null });
  });
});
