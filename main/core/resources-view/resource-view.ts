import type { ResourceView as ResourceViewInfo, ResourceRow, ResourceScope } from '../../../preload/contract';
import type { ToolContext } from '../tools/tool-definition';

export type { ResourceScope };

/** An `age` cell (unix seconds) from an ISO 8601 time, or null when there is none or it does not parse. */
export function ageCell(iso: string | null | undefined): number | null {
  const parsed = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(parsed) ? null : Math.round(parsed / 1000);
}

/** The reads a detail panel uses, by id (logs; logs and stats; a run's jobs). */
export function detailReads(detail: NonNullable<ResourceViewInfo['detail']>): string[] {
  return detail.kind === 'logs' ? [detail.logs] : detail.kind === 'jobs' ? [detail.jobs] : [detail.logs, detail.stats];
}

/** A call of a registered tool, built from one row (or none, for the list). */
export interface ToolCall {
  readonly tool: string;
  /** A fixed input, or one built from the scope shown (a view without scope levels gets `{}`). */
  readonly input: Record<string, unknown> | ((scope: ResourceScope) => Record<string, unknown>);
}

/** One choice a scoped view lists in, e.g. a kubeconfig context, then a namespace (or all of them) within it. */
export interface ScopeLevel {
  /** The key of this choice in the scope, e.g. `context`. */
  readonly id: string;
  readonly label: string;
  /**
   * What can be chosen, given the levels chosen before it; `default` marks where a person starts.
   * `read` runs a read tool through the policy (namespaces are listed by `kubernetes.list`).
   */
  readonly options: (from: { readonly ctx: ToolContext; readonly chosen: ResourceScope; readonly read: (tool: string, input: Record<string, unknown>) => Promise<Record<string, unknown>> }) => Promise<readonly ScopeOption[]>;
}
export interface ScopeOption {
  readonly id: string;
  readonly label: string;
  readonly default?: boolean;
}

/**
 * A table a family contributes to the Resources pane. Listing, actions and reads are tool calls,
 * so every one of them goes through the policy (and actions through the plan engine); the view
 * only says which tool, with what input, and how rows look.
 */
export interface ResourceViewDefinition<Row = unknown> {
  /** `<family>.<name>`. */
  readonly id: string;
  readonly title: string;
  readonly columns: ResourceViewInfo['columns'];
  readonly empty: string;
  /** How rows are first ordered; default: by the first column, ascending. */
  readonly sort?: NonNullable<ResourceViewInfo['sort']>;
  /**
   * Where the view lists, chosen by the person above the table (Kubernetes: a context, then a
   * namespace). Views of one family share the choices of the levels they have in common. The
   * chosen scope reaches the list's, the actions' and the reads' inputs, so their targets are it.
   */
  readonly scope?: readonly ScopeLevel[];
  /** The read tool that lists the rows, and how its output becomes rows. `input` may throw to say the scope does not fit. */
  readonly list: ToolCall & { readonly rows: (output: Record<string, unknown>, scope: ResourceScope) => Row[] };
  readonly row: (item: Row, scope: ResourceScope) => Omit<ResourceRow, 'actions' | 'live'> & { readonly live?: boolean };
  readonly actions?: readonly {
    readonly id: string;
    readonly label: string;
    readonly tool: string;
    readonly bulk?: boolean;
    /** Whether this row offers the action (a running container offers stop, not start). Default: always. */
    readonly when?: (item: Row) => boolean;
    readonly input: (key: string, scope: ResourceScope) => Record<string, unknown>;
  }[];
  /** Reads for one row (logs, a stats sample), by id; the detail panel names the ones it uses. */
  readonly reads?: Readonly<Record<string, { readonly tool: string; readonly input: (key: string, scope: ResourceScope) => Record<string, unknown> }>>;
  readonly detail?: ResourceViewInfo['detail'];
  /**
   * Live changes: calls `changed` whenever the infrastructure reports one (engine events, a
   * watch), and `ended` when the watch stops by itself. Returns a disposer. Started on the first
   * list of a scope (again after it ended), stopped when the service is disposed or the scope
   * has long not been shown. Views that share the function and the scope share one watch.
   */
  readonly watch?: (ctx: ToolContext, changed: () => void, ended: () => void, scope: ResourceScope) => Promise<() => void>;
}
