import { describe, expect, it } from 'vitest';
import { InMemorySecretStore } from '../../../e2e/fixtures/test-core';
import { toolContext } from '../tools/tool-definition';
import { defineAccess } from '../tools/access';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import { declaredSecretReader, type SecretName, type SyncSecretAccess } from './secret-store';

/** The in-memory store with the synchronous access the OS keychain store has. */
class SyncStore extends InMemorySecretStore implements SyncSecretAccess {
  getSync(name: SecretName): string | null {
    if (name === 'broken') throw new Error('keychain locked');
    return this.values.get(name) ?? null;
  }
  setSync(name: SecretName, value: string): void {
    this.values.set(name, value);
  }
}

describe('the keychain as tool connections read it', () => {
  const store = new SyncStore();
  store.values.set('github-token', 'ghp_declaredvalue');
  store.values.set('anthropic-api-key', 'sk-ant-not-for-families');
  store.values.set('broken', 'x');

  it('gives a connection the credentials families declared, and nothing else of the keychain', () => {
    const read = declaredSecretReader(store, ['github-token', 'broken']);
    expect(read('github-token')).toBe('ghp_declaredvalue');
    expect(read('anthropic-api-key')).toBeNull(); // the model's key, not declared by a family
    expect(read('reign-audit-chain-key')).toBeNull();
    expect(read('broken')).toBeNull(); // a keychain that fails reads as nothing stored
  });

  it('reads nothing from a store without synchronous access', () => {
    const plain = new InMemorySecretStore();
    plain.values.set('github-token', 'ghp_x');
    expect(declaredSecretReader(plain, ['github-token'])('github-token')).toBeNull();
  });

  it('reaches a family connection through the tool context, opened once', async () => {
    let opened = 0;
    const key = defineAccess('toy-token-reader', ({ secret }) => {
      opened += 1;
      return { token: secret('github-token') };
    });
    const ctx = toolContext('/tmp', {}, await createShellAnalyzer([]), declaredSecretReader(store, ['github-token']));
    expect(ctx.access(key).token).toBe('ghp_declaredvalue');
    ctx.access(key);
    expect(opened).toBe(1);
    expect(toolContext('/tmp', {}, await createShellAnalyzer([])).access(key).token).toBeNull();
  });
});
