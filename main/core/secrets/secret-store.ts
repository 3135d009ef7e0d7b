/** Names of the credentials Reign keeps (the model providers' and those families declare). Values live only in the OS keychain. */
export type SecretName = string;

/** The Anthropic API key, which the core's model provider uses. */
export const ANTHROPIC_KEY = 'anthropic-api-key';

export interface KeychainStatus {
  readonly available: boolean;
  readonly backend: string;
  readonly problem: string | null;
}

export interface SecretStore {
  status(): Promise<KeychainStatus>;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<boolean>;
  has(name: SecretName): Promise<boolean>;
}

/**
 * Synchronous keychain access, for the one value needed while the core is being built (the audit
 * log's chain key: every append is synchronous). Everything else uses the asynchronous SecretStore.
 */
export interface SyncSecretAccess {
  getSync(name: SecretName): string | null;
  setSync(name: SecretName, value: string): void;
}

export function hasSyncAccess(store: SecretStore): store is SecretStore & SyncSecretAccess {
  const candidate = store as Partial<SyncSecretAccess>;
  return typeof candidate.getSync === 'function' && typeof candidate.setSync === 'function';
}

/**
 * Reads the given names only (the credentials families declared: not the model's key, not the
 * audit log's chain key), synchronously, for the connections tool steps open. Null when one is not
 * stored or the keychain cannot be read: the family then says what to store.
 */
export function declaredSecretReader(store: SecretStore, names: readonly SecretName[]): (name: SecretName) => string | null {
  const allowed = new Set(names);
  if (!hasSyncAccess(store)) return () => null;
  return (name) => {
    if (!allowed.has(name)) return null;
    try {
      return store.getSync(name);
    } catch {
      return null;
    }
  };
}

/** The keychain could not be used; `message` says what to install or start. */
export class KeychainUnavailableError extends Error {
  readonly code = 'KEYCHAIN_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeychainUnavailableError';
  }
}
