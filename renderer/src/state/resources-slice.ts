import type { CommandRequest, CommandResponse, ResourceScope, ResourceView, SearchTarget } from '../../../preload/contract';
import type { Slice } from './slice-types';

export type PendingAction = Omit<CommandRequest<'resources.act'>, 'approve'> & { answer: CommandResponse<'resources.act'> };
type Rows = CommandResponse<'resources.rows'>;

export interface ResourcesSlice {
  resources: {
    /** Every view families contribute; null until read. */
    views: ResourceView[] | null;
    /** The view shown. */
    viewId: string | null;
    /** Rows by view, as last read (with the scope they were read in). */
    rows: Record<string, Rows>;
    /** The scope chosen per family (a Kubernetes context and namespace), kept while a person goes from view to view. */
    scopes: Record<string, ResourceScope>;
    loading: boolean;
    error: string | null;
    /** An action waiting for the person's approval, with the risk and reasons the policy gave. */
    pending: PendingAction | null;
    message: string | null;
    /** A row to bring into view and focus once it is listed (chosen in global search); null once shown. */
    reveal: string | null;
  };
  loadViews(): Promise<void>;
  showView(id: string): Promise<void>;
  /** Reads the shown view's rows again (on engine events, after an action). */
  loadRows(): Promise<void>;
  /** Chooses one level of the shown view's scope (a context resets the namespace to that context's own) and reads its rows there. */
  chooseScope(level: string, value: string): Promise<void>;
  /** Asks for an action on rows; actions that need approval wait in `pending` until approved or dismissed. */
  requestAction(action: string, rows: string[]): Promise<void>;
  /** Approves the pending action for the risk and targets it was shown with. */
  approvePending(confirm?: string): Promise<void>;
  dismissPending(): void;
  readResource(read: string, row: string): Promise<Record<string, unknown>>;
  /** Shows a row's view in the row's scope and asks the table to focus the row (global search). */
  revealResource(target: Extract<SearchTarget, { pane: 'resources' }>): Promise<void>;
  /** The table showed the row asked for. */
  revealed(): void;
  /** Where global search looks: each source is then asked on its own, so answers show as they come. */
  searchSources(): Promise<CommandResponse<'search.sources'>['sources']>;
  /** What one source of global search can find (read by main within its time limit, cached briefly). */
  searchItems(source: string): Promise<CommandResponse<'search.items'>>;
}

/** The choices of a view's levels kept from a family's scope: the outer levels up to and with `level` when one was just chosen. */
export function scopeAfterChoice(view: ResourceView, scope: ResourceScope, level: string, value: string): ResourceScope {
  const at = view.scope.findIndex((candidate) => candidate.id === level);
  if (at < 0) return scope;
  const inner = new Set(view.scope.slice(at + 1).map((candidate) => candidate.id));
  return { ...Object.fromEntries(Object.entries(scope).filter(([id]) => !inner.has(id))), [level]: value };
}

export const createResourcesSlice: Slice<ResourcesSlice> = (api) => (set, get) => {
  const patch = (change: Partial<ResourcesSlice['resources']>): void => set({ resources: { ...get().resources, ...change } });
  const shownView = (): ResourceView | undefined => get().resources.views?.find((view) => view.id === get().resources.viewId);
  /** Actions and reads act in the scope their rows were shown in, not in one chosen since. */
  const shownScope = (view: string): { scope?: ResourceScope } => {
    const scope = get().resources.rows[view]?.scope?.chosen;
    return scope ? { scope } : {};
  };
  // Only the newest read of a view lands: a slow answer for a scope left behind must not replace it.
  let reads = 0;
  const newest = new Map<string, number>();
  const act = async (request: CommandRequest<'resources.act'>): Promise<void> => {
    try {
      const answer = await api.commands['resources.act'](request);
      if (answer.outcome === 'needs-approval' && !request.approve) patch({ pending: { view: request.view, action: request.action, rows: request.rows, ...(request.scope ? { scope: request.scope } : {}), answer }, message: null });
      else patch({ pending: null, message: answer.message });
      await get().loadRows();
    } catch (error) {
      patch({ message: (error as Error).message, pending: null });
    }
  };
  return {
    resources: { views: null, viewId: null, rows: {}, scopes: {}, loading: false, error: null, pending: null, message: null, reveal: null },
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
      patch({ viewId: id, message: null, pending: null, reveal: null });
      await get().loadRows();
    },
    loadRows: async () => {
      const view = shownView();
      if (!view) return;
      const read = ++reads;
      newest.set(view.id, read);
      const asked = view.scope.length ? get().resources.scopes[view.family] : undefined;
      patch({ loading: true });
      try {
        const rows = await api.commands['resources.rows']({ view: view.id, ...(asked ? { scope: asked } : {}) });
        if (newest.get(view.id) !== read) return;
        // What the rows were read in becomes the family's choice (a default filled in, a namespace that is gone replaced).
        const scopes = rows.scope ? { ...get().resources.scopes, [view.family]: { ...get().resources.scopes[view.family], ...rows.scope.chosen } } : get().resources.scopes;
        patch({ rows: { ...get().resources.rows, [view.id]: rows }, scopes, loading: false, error: null });
      } catch (error) {
        if (newest.get(view.id) === read) patch({ loading: false, error: (error as Error).message });
      }
    },
    chooseScope: async (level, value) => {
      const view = shownView();
      if (!view) return;
      const scope = scopeAfterChoice(view, get().resources.scopes[view.family] ?? {}, level, value);
      patch({ scopes: { ...get().resources.scopes, [view.family]: scope }, pending: null, message: null });
      await get().loadRows();
    },
    requestAction: async (action, rows) => {
      const view = get().resources.viewId;
      if (view && rows.length) await act({ view, action, rows, approve: null, ...shownScope(view) });
    },
    approvePending: async (confirm) => {
      const pending = get().resources.pending;
      if (pending) await act({ view: pending.view, action: pending.action, rows: pending.rows, approve: { risk: pending.answer.risk, targets: pending.answer.targetIds }, ...(pending.scope ? { scope: pending.scope } : {}), ...(confirm ? { confirm } : {}) });
    },
    dismissPending: () => patch({ pending: null }),
    revealResource: async ({ view, scope, row }) => {
      try {
        const views = get().resources.views ?? (await api.commands['resources.views']({})).views;
        const family = views.find((candidate) => candidate.id === view)?.family;
        if (!family) return patch({ views, message: `There is no resource view ${view} in this build.` });
        const scopes = scope ? { ...get().resources.scopes, [family]: { ...get().resources.scopes[family], ...scope } } : get().resources.scopes;
        patch({ views, viewId: view, scopes, reveal: row, message: null, pending: null });
        await get().loadRows();
      } catch (error) {
        patch({ error: (error as Error).message });
      }
    },
    revealed: () => patch({ reveal: null }),
    searchSources: async () => (await api.commands['search.sources']({})).sources,
    searchItems: (source) => api.commands['search.items']({ source }),
    readResource: async (read, row) => {
      const view = get().resources.viewId;
      if (!view) throw new Error('No resource view is shown.');
      return (await api.commands['resources.read']({ view, read, row, ...shownScope(view) })).output;
    },
  };
};
