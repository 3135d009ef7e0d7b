import { describe, expect, it } from 'vitest';
import { maskValues, valuesChanges } from './helm-values';

describe('secret-looking values', () => {
  it('masks every scalar under a secret-looking key, keeps the rest and the shape', () => {
    const values = { replicaCount: 2, image: { tag: '1.2' }, auth: { password: 'hunter22', username: 'app', enabled: true }, secrets: { db: 's3cr3t', list: ['a1', 'b22'] }, apiToken: '', existingSecret: null };
    expect(maskValues(values)).toEqual({
      replicaCount: 2,
      image: { tag: '1.2' },
      auth: { password: '[REDACTED 8 chars]', username: 'app', enabled: true },
      secrets: { db: '[REDACTED 6 chars]', list: ['[REDACTED 2 chars]', '[REDACTED 3 chars]'] },
      apiToken: '',
      existingSecret: null,
    });
    expect(JSON.stringify(maskValues(values))).not.toMatch(/hunter22|s3cr3t/);
  });
});

describe('values changes', () => {
  it('lists each changed path, and says a secret changed without printing it', () => {
    expect(valuesChanges({ replicaCount: 1, image: { tag: 'a' }, auth: { password: 'old-pass' }, gone: 'x' }, { replicaCount: 2, image: { tag: 'a' }, auth: { password: 'new-pass' }, env: { A: '1' } })).toEqual([
      'auth.password: changed (secret)',
      'env.A: added "1"',
      'gone: removed (was "x")',
      'replicaCount: 1 → 2',
    ]);
    const added = valuesChanges(null, { db: { password: 'topsecret' } });
    expect(added).toEqual(['db.password: added [REDACTED]']);
    expect(valuesChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
});
