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
  };
};
