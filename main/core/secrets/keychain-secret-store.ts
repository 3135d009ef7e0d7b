import { randomUUID } from 'node:crypto';
import { AsyncEntry, Entry } from '@napi-rs/keyring';
import { explainKeychainFailure } from './keychain-failure';
import { type KeychainStatus, type KeychainUnavailableError, type SecretName, type SecretStore, type SyncSecretAccess } from './secret-store';

const PROBE_ACCOUNT = 'reign-keychain-probe';

export interface KeychainSecretStoreOptions {
  /** The keychain service name entries are filed under; tests use their own. */
  readonly service?: string;
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux)
 * through @napi-rs/keyring. There is deliberately no plaintext fallback.
 */
export class KeychainSecretStore implements SecretStore, SyncSecretAccess {
  private readonly service: string;
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;
  /** Keychain calls run one at a time: concurrent writes of one entry can leave duplicates behind. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.service = options.service ?? 'dev.reign.app';
    this.platform = options.platform ?? process.platform;
    this.env = options.env ?? process.env;
  }

  get backend(): string {
    if (this.platform === 'darwin') return 'macOS Keychain';
    if (this.platform === 'win32') return 'Windows Credential Manager';
    return 'Secret Service (D-Bus)';
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  status(): Promise<KeychainStatus> {
    return this.exclusive(() => this.probe());
  }

  private get noSession(): boolean {
    return this.platform === 'linux' && !this.env.DBUS_SESSION_BUS_ADDRESS;
  }

  private async probe(): Promise<KeychainStatus> {
    if (this.noSession) {
      return { available: false, backend: this.backend, problem: this.explain(new Error('no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set')).message };
    }
    try {
      // A read can answer "nothing stored" without reaching any keychain, so write, read back and remove an entry:
      // some backends accept a write they cannot read back (the kernel keyring in a container without a D-Bus session).
      const probe = this.entry(PROBE_ACCOUNT);
      const value = randomUUID();
      await probe.setPassword(value);
      try {
        if ((await probe.getPassword()) !== value) throw new Error('the keychain did not return the entry just stored');
      } finally {
        await probe.deletePassword().catch(() => undefined);
      }
      return { available: true, backend: this.backend, problem: null };
    } catch (error) {
      return { available: false, backend: this.backend, problem: this.explain(error).message };
    }
  }

  get(name: SecretName): Promise<string | null> {
    return this.call(async () => (await this.entry(name).getPassword()) ?? null);
  }

  set(name: SecretName, value: string): Promise<void> {
    return this.call(() => this.entry(name).setPassword(value));
  }

  delete(name: SecretName): Promise<boolean> {
    return this.call(() => this.entry(name).deletePassword());
  }

  /**
   * Blocking reads and writes, for the audit chain key while the core is built. They skip the queue,
   * which is safe only because nothing asynchronous has used the keychain yet at that point.
   */
  getSync(name: SecretName): string | null {
    return this.callSync(() => new Entry(this.service, name).getPassword() ?? null);
  }

  setSync(name: SecretName, value: string): void {
    this.callSync(() => new Entry(this.service, name).setPassword(value));
  }

  private callSync<T>(operation: () => T): T {
    if (this.noSession) throw this.explain(new Error('no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set'));
    try {
      return operation();
    } catch (error) {
      throw this.explain(error);
    }
  }

  private call<T>(operation: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // Without a session bus the library can fall back to the kernel keyring, which forgets everything at reboot.
      if (this.noSession) throw this.explain(new Error('no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set'));
      try {
        return await operation();
      } catch (error) {
        throw this.explain(error);
      }
    });
  }

  async has(name: SecretName): Promise<boolean> {
    return (await this.get(name)) !== null;
  }

  private entry(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account);
  }

  private explain(error: unknown): KeychainUnavailableError {
    return explainKeychainFailure(error, this.platform);
  }
}
