import type { CommandResponse } from '../../../preload/contract';
import type { Slice } from './slice-types';

export interface HistoryFilter {
  status: string;
  target: string;
}

export interface HistorySlice {
  history: {
    filter: HistoryFilter;
    list: CommandResponse<'runs.list'> | null;
    selected: CommandResponse<'runs.show'> | null;
    error: string | null;
  };
  loadHistory(filter?: Partial<HistoryFilter>): Promise<void>;
  selectRun(id: string): Promise<void>;
  exportAudit(runId?: string): Promise<string | null>;
}

export const createHistorySlice: Slice<HistorySlice> = (api) => (set, get) => {
  const fail = (error: unknown): void => set({ history: { ...get().history, error: (error as Error).message } });
  return {
    history: { filter: { status: '', target: '' }, list: null, selected: null, error: null },
    loadHistory: async (change = {}) => {
      const filter = { ...get().history.filter, ...change };
      set({ history: { ...get().history, filter } });
      try {
        const list = await api.commands['runs.list']({ ...(filter.status ? { status: filter.status } : {}), ...(filter.target ? { target: filter.target } : {}) });
        set({ history: { ...get().history, list, error: null } });
      } catch (error) {
        fail(error);
      }
    },
    selectRun: async (id) => {
      try {
        set({ history: { ...get().history, selected: await api.commands['runs.show']({ id }), error: null } });
      } catch (error) {
        fail(error);
      }
    },
    exportAudit: async (runId) => {
      try {
        return (await api.commands['audit.export'](runId ? { runId } : {})).jsonl;
      } catch (error) {
        fail(error);
        return null;
      }
    },
  };
};
