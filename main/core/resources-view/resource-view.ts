import type { ResourceView as ResourceViewInfo, ResourceRow } from '../../../preload/contract';
import type { ToolContext } from '../tools/tool-definition';

/** A call of a registered tool, built from one row (or none, for the list). */
export interface ToolCall {
  readonly tool: string;
  readonly input: Record<string, unknown>;
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
  /** The read tool that lists the rows, and how its output becomes rows. */
  readonly list: ToolCall & { readonly rows: (output: Record<string, unknown>) => Row[] };
  readonly row: (item: Row) => Omit<ResourceRow, 'actions' | 'live'> & { readonly live?: boolean };
  readonly actions?: readonly {
    readonly id: string;
    readonly label: string;
    readonly tool: string;
    readonly bulk?: boolean;
    /** Whether this row offers the action (a running container offers stop, not start). Default: always. */
    readonly when?: (item: Row) => boolean;
    readonly input: (key: string) => Record<string, unknown>;
  }[];
  /** Reads for one row (logs, a stats sample), by id; the detail panel names the ones it uses. */
  readonly reads?: Readonly<Record<string, { readonly tool: string; readonly input: (key: string) => Record<string, unknown> }>>;
  readonly detail?: ResourceViewInfo['detail'];
  /**
   * Live changes: calls `changed` whenever the infrastructure reports one (engine events, a
   * watch), and `ended` when the watch stops by itself. Returns a disposer. Started on the first
   * list (again after it ended), stopped when the service is disposed.
   */
  readonly watch?: (ctx: ToolContext, changed: () => void, ended: () => void) => Promise<() => void>;
}
