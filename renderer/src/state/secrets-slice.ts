import type { CommandResponse } from '../../../preload/contract';
import type { Slice } from './slice-types';

/** The keychain name of the Anthropic key (declared by the core; Settings has a field for it). */
const ANTHROPIC_KEY = 'anthropic-api-key';

export interface SecretsSlice {
  secrets: CommandResponse<'secrets.status'> | null;
  secretsError: string | null;
  loadSecrets(): Promise<void>;
  storeAnthropicKey(key: string): Promise<boolean>;
  deleteAnthropicKey(): Promise<void>;
  /**
   * A declared credential, by name: stored, removed, or imported once from where it can be (`gh auth
   * token`) in main. Each says how it went, for the section that asked (not in secretsError).
   */
  storeSecret(name: string, value: string): Promise<SecretOutcome>;
  deleteSecret(name: string): Promise<SecretOutcome>;
  importSecret(name: string): Promise<SecretOutcome>;
}

export interface SecretOutcome {
  readonly ok: boolean;
  readonly message: string;
}

export const createSecretsSlice: Slice<SecretsSlice> = (api) => (set, get) => {
  const attempt = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      set({ secretsError: null });
      await get().loadSecrets();
      return true;
    } catch (error) {
      set({ secretsError: (error as Error).message });
      return false;
    }
  };
  const settle = async (action: () => Promise<string>): Promise<SecretOutcome> => {
    try {
      const message = await action();
      await get().loadSecrets();
      return { ok: true, message };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  };
  return {
    secrets: null,
    secretsError: null,
    loadSecrets: async () => {
      try {
        set({ secrets: await api.commands['secrets.status']({}) });
      } catch (error) {
        set({ secretsError: `Could not ask the keychain: ${(error as Error).message}` });
      }
    },
    storeAnthropicKey: (key) => attempt(() => api.commands['secrets.set']({ name: ANTHROPIC_KEY, value: key })),
    deleteAnthropicKey: async () => {
      await attempt(() => api.commands['secrets.delete']({ name: ANTHROPIC_KEY }));
    },
    storeSecret: (name, value) => settle(async () => (await api.commands['secrets.set']({ name, value }), 'Stored in the keychain.')),
    deleteSecret: (name) => settle(async () => ((await api.commands['secrets.delete']({ name })).deleted ? 'Removed from the keychain.' : 'Nothing was stored.')),
    importSecret: (name) => settle(async () => (await api.commands['secrets.import']({ name })).message),
  };
};
