import type { CommandRequest, CommandResponse, ResourceView } from '../../../preload/contract';
import type { Slice } from './slice-types';

export type PendingAction = Omit<CommandRequest<'resources.act'>, 'approve'> & { answer: CommandResponse<'resources.act'> };
type Rows = CommandResponse<'resources.rows'>;

export interface ResourcesSlice {
  resources: {
    /** Every view families contribute; null until read. */
    views: ResourceView[] | null;
    /** The view shown. */
    viewId: string | null;
    /** Rows by view, as last read. */
    rows: Record<string, Rows>;
    loading: boolean;
    error: string | null;
    /** An action waiting for the person's approval, with the risk and reasons the policy gave. */
    pending: PendingAction | null;
    message: string | null;
  };
  loadViews(): Promise<void>;
  showView(id: string): Promise<void>;
  /** Reads the shown view's rows again (on engine events, after an action). */
  loadRows(): Promise<void>;
  /** Asks for an action on rows; actions that need approval wait in `pending` until approved or dismissed. */
  requestAction(action: string, rows: string[]): Promise<void>;
  /** Approves the pending action for the risk and targets it was shown with. */
  approvePending(confirm?: string): Promise<void>;
  dismissPending(): void;
  readResource(read: string, row: string): Promise<Record<string, unknown>>;
}

export const createResourcesSlice: Slice<ResourcesSlice> = (api) => (set, get) => {
  const patch = (change: Partial<ResourcesSlice['resources']>): void => set({ resources: { ...get().resources, ...change } });
  const act = async (request: CommandRequest<'resources.act'>): Promise<void> => {
    try {
      const answer = await api.commands['resources.act'](request);
      if (answer.outcome === 'needs-approval' && !request.approve) patch({ pending: { view: request.view, action: request.action, rows: request.rows, answer }, message: null });
      else patch({ pending: null, message: answer.message });
      await get().loadRows();
    } catch (error) {
      patch({ message: (error as Error).message, pending: null });
    }
  };
  return {
    resources: { views: null, viewId: null, rows: {}, loading: false, error: null, pending: null, message: null },
    loadViews: async () => {
      try {
        const { views } = await api.commands['resources.views']({});
        const viewId = get().resources.viewId ?? views[0]?.id ?? null;
        patch({ views, viewId, error: null });
        if (viewId) await get().loadRows();
      } catch (error) {
        patch({ error: (error as Error).message });
      }
    },
    showView: async (id) => {
      patch({ viewId: id, message: null, pending: null });
      await get().loadRows();
    },
    loadRows: async () => {
      const view = get().resources.viewId;
      if (!view) return;
      patch({ loading: true });
      try {
        const rows = await api.commands['resources.rows']({ view });
        patch({ rows: { ...get().resources.rows, [view]: rows }, loading: false, error: null });
      } catch (error) {
        patch({ loading: false, error: (error as Error).message });
      }
    },
    requestAction: async (action, rows) => {
      const view = get().resources.viewId;
      if (view && rows.length) await act({ view, action, rows, approve: null });
    },
    approvePending: async (confirm) => {
      const pending = get().resources.pending;
      if (pending) await act({ view: pending.view, action: pending.action, rows: pending.rows, approve: { risk: pending.answer.risk, targets: pending.answer.targetIds }, ...(confirm ? { confirm } : {}) });
    },
    dismissPending: () => patch({ pending: null }),
    readResource: async (read, row) => {
      const view = get().resources.viewId;
      if (!view) throw new Error('No resource view is shown.');
      return (await api.commands['resources.read']({ view, read, row })).output;
    },
  };
};
