import type { CommandRequest, CommandResponse } from '../../../preload/contract';
import type { Slice } from './slice-types';

export type PendingAction = CommandRequest<'resources.act'> & { answer: CommandResponse<'resources.act'> };

export interface ResourcesSlice {
  resources: {
    data: CommandResponse<'resources.list'> | null;
    error: string | null;
    /** An action waiting for the person's approval, with the risk and reasons the policy gave. */
    pending: PendingAction | null;
    message: string | null;
  };
  loadResources(): Promise<void>;
  /** Asks for an action; actions that need approval wait in `pending` until approved or dismissed. */
  requestAction(id: string, action: CommandRequest<'resources.act'>['action']): Promise<void>;
  approvePending(confirm?: string): Promise<void>;
  dismissPending(): void;
  readLogs(id: string): Promise<CommandResponse<'resources.logs'>>;
  readStats(id: string): Promise<CommandResponse<'resources.stats'>>;
}

export const createResourcesSlice: Slice<ResourcesSlice> = (api) => (set, get) => {
  const patch = (change: Partial<ResourcesSlice['resources']>): void => set({ resources: { ...get().resources, ...change } });
  const act = async (request: CommandRequest<'resources.act'>): Promise<void> => {
    try {
      const answer = await api.commands['resources.act'](request);
      if (answer.outcome === 'needs-approval') patch({ pending: { ...request, answer }, message: null });
      else patch({ pending: null, message: answer.message });
      await get().loadResources();
    } catch (error) {
      patch({ message: (error as Error).message, pending: null });
    }
  };
  return {
    resources: { data: null, error: null, pending: null, message: null },
    loadResources: async () => {
      try {
        patch({ data: await api.commands['resources.list']({}), error: null });
      } catch (error) {
        patch({ error: (error as Error).message });
      }
    },
    requestAction: (id, action) => act({ id, action, approve: false }),
    approvePending: async (confirm) => {
      const pending = get().resources.pending;
      if (pending) await act({ id: pending.id, action: pending.action, approve: true, ...(confirm ? { confirm } : {}) });
    },
    dismissPending: () => patch({ pending: null }),
    readLogs: (id) => api.commands['resources.logs']({ id, tail: 200 }),
    readStats: (id) => api.commands['resources.stats']({ id }),
  };
};
