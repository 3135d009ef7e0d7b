import type { CommandRequest, PolicyRuleView } from '../../../preload/contract';
import type { Slice } from './slice-types';

export type AllowAgainRequest = Omit<CommandRequest<'policy.rules.add'>, 'source'>;

export interface PolicyRulesSlice {
  /** Why the last add or revoke was refused (main's words), or null. */
  policyRulesError: string | null;
  /** "Allow again" from an approval: main validates it, refuses it for production where needed, and journals it. */
  allowAgain(request: AllowAgainRequest): Promise<PolicyRuleView | null>;
  revokePolicyRule(id: string): Promise<boolean>;
}

export const createPolicyRulesSlice: Slice<PolicyRulesSlice> = (api) => (set, get) => {
  // Rules live in settings: read them again so Settings shows the change even before settings.changed arrives.
  const attempt = async <T>(action: () => Promise<T>): Promise<T | null> => {
    try {
      const result = await action();
      set({ policyRulesError: null });
      await get().loadSettings().catch(() => {});
      return result;
    } catch (error) {
      set({ policyRulesError: (error as Error).message });
      return null;
    }
  };
  return {
    policyRulesError: null,
    allowAgain: (request) => attempt(async () => (await api.commands['policy.rules.add']({ ...request, source: 'approval' })).rule),
    revokePolicyRule: async (id) => (await attempt(() => api.commands['policy.rules.remove']({ id }))) !== null,
  };
};
