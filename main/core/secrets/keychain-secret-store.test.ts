import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from '../../../e2e/fixtures/infrastructure';
import { type SecretServiceFixture, startSecretService } from '../../../e2e/fixtures/secret-service';
import { explainKeychainFailure } from './keychain-failure';
import { KeychainSecretStore } from './keychain-secret-store';
import { type KeychainStatus, KeychainUnavailableError } from './secret-store';

describe('KeychainSecretStore against a real Secret Service (gnome-keyring)', () => {
  let fixture: SecretServiceFixture | string;
  beforeAll(async () => {
    fixture = await startSecretService();
    // The keyring library reads the bus address from this process's environment.
    if (typeof fixture !== 'string') {
      process.env.DBUS_SESSION_BUS_ADDRESS = fixture.env.DBUS_SESSION_BUS_ADDRESS;
      await keyringReady();
    }
  });
  afterAll(async () => {
    if (typeof fixture !== 'string') await fixture.stop();
  });

  // gnome-keyring creates the login collection after it daemonizes; on a loaded machine the first
  // calls can come before it ("Secret Service: no result found"). Wait for it, up to 20 s.
  const keyringReady = async (): Promise<void> => {
    for (let attempt = 0; attempt < 40; attempt++) {
      if ((await store().status()).available) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  const store = (): KeychainSecretStore => new KeychainSecretStore({ service: `reign-test-${randomUUID()}` });

  it('stores, reads back and deletes a credential', async (context) => {
    requireInfrastructure(context, typeof fixture === 'string' ? fixture : null, 'A Secret Service keychain');
    const secrets = store();
    expect(await secrets.status()).toMatchObject({ available: true, problem: null });
    expect(await secrets.has('anthropic-api-key')).toBe(false);
    await secrets.set('anthropic-api-key', 'sk-ant-test-0123456789abcdef');
    expect(await secrets.get('anthropic-api-key')).toBe('sk-ant-test-0123456789abcdef');
    expect(await secrets.has('anthropic-api-key')).toBe(true);
    expect(await secrets.delete('anthropic-api-key')).toBe(true);
    expect(await secrets.get('anthropic-api-key')).toBeNull();
    expect(await secrets.delete('anthropic-api-key')).toBe(false);
  });

  it('reads and writes synchronously too (for the audit chain key, needed while the core is built)', async (context) => {
    requireInfrastructure(context, typeof fixture === 'string' ? fixture : null, 'A Secret Service keychain');
    const secrets = store();
    expect(secrets.getSync('audit.chain-key.test')).toBeNull();
    secrets.setSync('audit.chain-key.test', 'ab'.repeat(32));
    expect(secrets.getSync('audit.chain-key.test')).toBe('ab'.repeat(32));
    expect(await secrets.get('audit.chain-key.test')).toBe('ab'.repeat(32));
    expect(await secrets.delete('audit.chain-key.test')).toBe(true);
  });

  it('keeps entries of different services apart', async (context) => {
    requireInfrastructure(context, typeof fixture === 'string' ? fixture : null, 'A Secret Service keychain');
    const a = store();
    const b = store();
    await a.set('anthropic-api-key', 'value-for-a-0123456789');
    expect(await b.get('anthropic-api-key')).toBeNull();
    await a.delete('anthropic-api-key');
  });

  it('serialises keychain calls so parallel status checks and writes never collide', async (context) => {
    requireInfrastructure(context, typeof fixture === 'string' ? fixture : null, 'A Secret Service keychain');
    const secrets = store();
    const work = Array.from({ length: 10 }, (_, index) => (index % 2 ? secrets.status() : secrets.set('anthropic-api-key', `value-${index}-0123456789abcdef`)));
    const statuses = (await Promise.all(work)).filter((result): result is KeychainStatus => typeof result === 'object' && result !== null);
    expect(statuses.map((status) => status.available)).toEqual([true, true, true, true, true]);
    expect(await secrets.get('anthropic-api-key')).toBe('value-8-0123456789abcdef');
    expect(await secrets.delete('anthropic-api-key')).toBe(true);
  });
});

describe('KeychainSecretStore without a keychain', () => {
  it('says the keychain is unavailable and what to start, instead of storing anything elsewhere', async () => {
    const secrets = new KeychainSecretStore({ service: 'reign-test-none', platform: 'linux', env: {} });
    const status = await secrets.status();
    expect(status.available).toBe(false);
    expect(status.problem).toMatch(/DBUS_SESSION_BUS_ADDRESS/);
    expect(status.problem).toMatch(/gnome-keyring-daemon/);
    expect(status.problem).toMatch(/never stores credentials in plain files/);
    expect(() => secrets.getSync('audit.chain-key.test')).toThrow(KeychainUnavailableError);
  });

  it('refuses to store or read a credential without a D-Bus session, rather than in some other store', async () => {
    const secrets = new KeychainSecretStore({ service: 'reign-test-none', platform: 'linux', env: {} });
    await expect(secrets.set('anthropic-api-key', 'sk-ant-test-0123456789abcdef')).rejects.toThrow(KeychainUnavailableError);
    await expect(secrets.get('anthropic-api-key')).rejects.toThrow(/gnome-keyring-daemon --start --components=secrets/);
    await expect(secrets.delete('anthropic-api-key')).rejects.toThrow(/DBUS_SESSION_BUS_ADDRESS is not set/);
  });

  it('turns a failure of the keyring library into a KeychainUnavailableError with the fix for each OS', () => {
    // The library's own error, as it reports a keychain it cannot reach; needs no daemon to translate.
    const failure = new Error("Couldn't access platform storage: AccessDenied");
    const linux = explainKeychainFailure(failure, 'linux');
    expect(linux).toBeInstanceOf(KeychainUnavailableError);
    expect(linux.cause).toBe(failure);
    expect(linux.message).toContain("Couldn't access platform storage: AccessDenied");
    expect(linux.message).toMatch(/gnome-keyring-daemon --start --components=secrets/);
    expect(explainKeychainFailure(failure, 'darwin').message).toMatch(/Keychain Access/);
    expect(explainKeychainFailure(failure, 'win32').message).toMatch(/Windows Credential Manager/);
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(explainKeychainFailure(failure, platform).message).toMatch(/never stores credentials in plain files/);
  });

});

