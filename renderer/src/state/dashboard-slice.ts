import type { CommandResponse, TargetHealth } from '../../../preload/contract';
import type { Slice } from './slice-types';

export type DashboardData = CommandResponse<'dashboard.health'>;

export interface DashboardSlice {
  dashboard: { data: DashboardData | null; loading: boolean; error: string | null };
  /** Reads every target's health and the recent runs again; a read already under way is not doubled. */
  loadDashboard(): Promise<void>;
  /** The Resources pane on the view (and scope) of a target's card. */
  openTargetResources(target: Pick<TargetHealth, 'family' | 'open'>): void;
  /** History with one run opened. */
  openRunInHistory(runId: string): void;
}

export const createDashboardSlice: Slice<DashboardSlice> = (api) => (set, get) => {
  const patch = (change: Partial<DashboardSlice['dashboard']>): void => set({ dashboard: { ...get().dashboard, ...change } });
  let reading: Promise<void> | null = null;
  return {
    dashboard: { data: null, loading: false, error: null },
    loadDashboard: () =>
      (reading ??= (async () => {
        patch({ loading: true });
        try {
          patch({ data: await api.commands['dashboard.health']({}), loading: false, error: null });
        } catch (error) {
          patch({ loading: false, error: (error as Error).message });
        } finally {
          reading = null;
        }
      })()),
    openTargetResources: ({ family, open }) => {
      if (!open) return;
      const resources = get().resources;
      // The Resources pane reads the chosen view in the family's scope when it opens.
      set({ resources: { ...resources, viewId: open.view, scopes: open.scope ? { ...resources.scopes, [family]: { ...open.scope } } : resources.scopes, message: null, pending: null } });
      get().navigate('resources');
      if (resources.views) void get().loadRows();
    },
    openRunInHistory: (runId) => {
      get().navigate('history');
      void get().selectRun(runId);
    },
  };
};
