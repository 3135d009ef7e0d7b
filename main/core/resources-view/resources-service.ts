import type { CommandResponse, ParsedCommandRequest, ResourceView } from '../../../preload/contract';
import type { Redactor } from '../audit/redactor';
import type { EventBus } from '../events/event-bus';
import { classifyStep } from '../plan/classify-step';
import type { OperationsService } from '../operations/operations-service';
import type { StepDecision } from '../plan/step-gate';
import { readNow } from '../plan/read-now';
import type { PolicyEngine } from '../policy/policy-engine';
import { combine } from '../policy/risk';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { type ToolContext, toolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import { detailReads, type ResourceScope, type ResourceViewDefinition, type ToolCall } from './resource-view';

export interface ResourcesDependencies {
  /** Every family's views, with the family they come from. */
  readonly views: readonly { readonly family: { readonly id: string; readonly title: string }; readonly view: ResourceViewDefinition<any> }[];
  readonly env: NodeJS.ProcessEnv;
  readonly registry: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly shell: () => Promise<ShellAnalyzer>;
  readonly operations: OperationsService;
  readonly redactor: Redactor;
  readonly events: EventBus;
  /** The folder views and their actions work in (Terraform's working directories are in it): the chat's workspace. Default: the current folder. */
  readonly workspace?: () => string;
}

const notFound = (what: string): Error => Object.assign(new Error(what), { code: 'NOT_FOUND' });
/** Watches kept running at once; the scope listed least recently is stopped first (a person going through namespaces). */
const MAX_WATCHES = 12;
type Rows = CommandResponse<'resources.rows'>;
type Watch = NonNullable<ResourceViewDefinition['watch']>;

/** The levels of the scope a view has, from a scope that may carry its family's other choices too. */
const scopeOf = (view: ResourceViewDefinition<any>, scope: ResourceScope | undefined): Record<string, string> =>
  Object.fromEntries((view.scope ?? []).flatMap((level) => (scope?.[level.id] ? [[level.id, scope[level.id]!]] : [])));
const inputFor = (call: ToolCall, scope: ResourceScope): Record<string, unknown> => (typeof call.input === 'function' ? call.input(scope) : call.input);
const sameScope = (a: ResourceScope, b: ResourceScope): boolean => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The Resources pane over every family's views: rows through each view's list tool (a policy-checked
 * read), live changes from the view's watch, and row actions as plans (one step per selected row)
 * through the policy, the approval bound to the risk shown, and the audit log.
 */
export class ResourcesService {
  /** By watch function and scope: views that share one (Docker's four share the engine's event stream) start it once per scope. */
  private readonly watching = new Map<string, { readonly watch: Watch; readonly started: Promise<() => void> }>();
  private readonly watchIds = new Map<Watch, number>();

  constructor(private readonly deps: ResourcesDependencies) {}

  views(): { views: ResourceView[] } {
    const registered = (tool: string): boolean => this.deps.registry.get(tool) !== undefined;
    return {
      views: this.deps.views.map(({ family, view }) => {
        // A read or action whose tool this build lacks (another family's, a tool still to come) is not offered.
        const reads = Object.entries(view.reads ?? {}).filter(([, read]) => registered(read.tool)).map(([id]) => id);
        const detail = view.detail && detailReads(view.detail).every((read) => reads.includes(read)) ? view.detail : null;
        return {
          id: view.id,
          family: family.id,
          familyTitle: family.title,
          title: view.title,
          columns: [...view.columns],
          scope: (view.scope ?? []).map((level) => ({ id: level.id, label: level.label })),
          actions: (view.actions ?? []).filter((action) => registered(action.tool)).map((action) => ({ id: action.id, label: action.label, tool: action.tool, bulk: action.bulk ?? false })),
          detail,
          empty: view.empty,
          sort: view.sort ?? null,
        };
      }),
    };
  }

  /**
   * The rows of a view in the scope asked for (each level's default where it is not given or no
   * longer exists), with the choices for the scope picker. A complete scope is listed while its
   * choices are read, so a person who stays in one namespace waits for one round trip, not two.
   */
  async rows(viewId: string, signal: AbortSignal, requested?: ResourceScope): Promise<Rows> {
    const view = this.view(viewId);
    const ctx = await this.context();
    const levels = view.scope ?? [];
    const asked = scopeOf(view, requested);
    const early = levels.length && levels.every((level) => asked[level.id]) ? this.list(view, asked, ctx, signal) : null;
    const choices = levels.length ? await this.scopeChoices(view, asked, ctx, signal) : null;
    const scope = choices?.chosen ?? {};
    const listed = early && sameScope(scope, asked) ? await early : await this.list(view, scope, ctx, signal);
    if (listed.problem === null) this.watch(view, ctx, scope);
    return { ...listed, scope: choices };
  }

  /** A row action on the selected rows as one plan. Without `approve`, only says what approval it needs. */
  async act(request: ParsedCommandRequest<'resources.act'>): Promise<CommandResponse<'resources.act'>> {
    const view = this.view(request.view);
    const action = view.actions?.find((candidate) => candidate.id === request.action);
    if (!action) throw notFound(`The view ${view.title} has no action ${request.action}.`);
    if (request.rows.length > 1 && !action.bulk) throw Object.assign(new Error(`${action.label} runs on one row at a time.`), { code: 'BAD_REQUEST' });
    const scope = this.shownScope(view, request.scope);
    const ctx = await this.context();
    const tool = this.deps.registry.get(action.tool);
    if (!tool) throw notFound(`This build of Reign has no ${action.tool} tool.`);
    const steps = request.rows.map((key, index) => ({ id: request.rows.length === 1 ? action.id : `${action.id}-${index + 1}`, tool: tool.name, input: tool.input.parse(action.input(key, scope)) as Record<string, unknown>, dependsOn: [] as string[] }));
    const classified = await Promise.all(steps.map((step) => classifyStep(tool, step.input, ctx, this.deps.policy)));
    const { risk, reasons } = combine(classified);
    const denied = classified.find((step) => step.verdict.decision === 'deny');
    const confirmation = classified.find((step) => step.verdict.confirmation)?.verdict.confirmation ?? null;
    const base = { risk, reasons: [...reasons], target: [...new Set(classified.map((step) => step.target.label))].join(', '), targetIds: [...new Set(classified.map((step) => step.target.id))], confirmation };
    if (denied) return { ...base, outcome: 'denied', message: `Refused by policy (${denied.verdict.reason}).` };
    const asks = classified.some((step) => step.verdict.decision !== 'allow') || confirmation !== null;
    if (!request.approve && asks) return { ...base, outcome: 'needs-approval', message: `${risk} action: approve to run it.` };
    const label = request.rows.length === 1 ? request.rows[0]! : `${request.rows.length} rows`;
    // Each step approved for the risk and a target the person was shown: if the engine in use changed
    // since (another docker context) or the step turned riskier, it waits again instead of running.
    const approved = request.approve;
    const decisions = new Map<string, StepDecision>(
      approved ? steps.map((step, index) => [step.id, { decision: 'approve', source: 'resources pane', risk: approved.risk, targetId: approved.targets.includes(classified[index]!.target.id) ? classified[index]!.target.id : approved.targets[0]! }]) : [],
    );
    const result = await this.deps.operations.run({
      plan: { name: `${action.label} ${label}`, steps },
      workspace: ctx.workspace,
      env: this.deps.env,
      approveUpTo: null,
      decisions,
      approvalSource: 'resources pane',
      confirmations: request.confirm ? [request.confirm] : [],
      rollback: false,
    });
    const outcomes = [...result.steps.values()];
    if (outcomes.every((step) => step.status === 'succeeded')) return { ...base, outcome: 'done', message: `${action.label} ${label}: done (run ${result.runId.slice(0, 8)}).` };
    if (outcomes.some((step) => step.status === 'needs-approval')) {
      const mistyped = confirmation !== null && request.confirm !== confirmation;
      return { ...base, outcome: 'needs-approval', message: mistyped ? 'The typed confirmation does not match the target.' : 'Not run: what the action would do changed since it was shown (another target or a higher risk); approve it again.' };
    }
    const failed = outcomes.filter((step) => step.status !== 'succeeded').map((step) => `${step.step.id}: ${step.error?.message ?? step.status}`);
    return { ...base, outcome: 'failed', message: this.deps.redactor.redact(failed.join('; ')) };
  }

  /** One of the view's reads for a row, in the scope the row was shown in, through the policy (see readNow). */
  async read(request: ParsedCommandRequest<'resources.read'>, signal: AbortSignal): Promise<CommandResponse<'resources.read'>> {
    const view = this.view(request.view);
    const read = view.reads?.[request.read];
    if (!read) throw notFound(`The view ${view.title} has no read ${request.read}.`);
    return { output: await readNow<Record<string, unknown>>(this.deps, read.tool, read.input(request.row, this.shownScope(view, request.scope)), await this.context(), signal) };
  }

  dispose(): void {
    for (const { started } of this.watching.values()) void started.then((dispose) => dispose(), () => undefined);
    this.watching.clear();
  }

  private view(id: string): ResourceViewDefinition<any> {
    const found = this.deps.views.find(({ view }) => view.id === id)?.view;
    if (!found) throw notFound(`There is no resource view ${id}.`);
    return found;
  }

  private async context(): Promise<ToolContext> {
    return toolContext(this.deps.workspace?.() ?? process.cwd(), this.deps.env, await this.deps.shell(), this.deps.operations.secret);
  }

  /** The view's rows in one scope; a list the infrastructure (or the policy) refuses says why instead. */
  private async list(view: ResourceViewDefinition<any>, scope: ResourceScope, ctx: ToolContext, signal: AbortSignal): Promise<Omit<Rows, 'scope'>> {
    let input: Record<string, unknown>;
    try {
      input = inputFor(view.list, scope);
    } catch (error) {
      // The view cannot list in this scope (Kubernetes events in every namespace): it says what to choose.
      return { target: Object.values(scope).join('/'), problem: (error as Error).message, rows: [] };
    }
    const tool = this.deps.registry.get(view.list.tool);
    if (!tool) return { target: Object.values(scope).join('/'), problem: `This build of Reign has no ${view.list.tool} tool.`, rows: [] };
    const target = tool.target({ input: tool.input.parse(input), ctx, facts: undefined }).label;
    let output: Record<string, unknown>;
    try {
      output = await readNow<Record<string, unknown>>(this.deps, view.list.tool, input, ctx, signal);
    } catch (error) {
      return { target, problem: (error as Error).message, rows: [] };
    }
    const rows = view.list.rows(output, scope).map((item) => {
      const { live, ...row } = view.row(item, scope);
      return { ...row, live: live ?? false, actions: (view.actions ?? []).filter((action) => !action.when || action.when(item)).map((action) => action.id) };
    });
    return { target, problem: null, rows };
  }

  /** Each level's options given the ones before it, and the choice: the one asked for while it exists, else the level's default. */
  private async scopeChoices(view: ResourceViewDefinition<any>, asked: ResourceScope, ctx: ToolContext, signal: AbortSignal): Promise<NonNullable<Rows['scope']>> {
    const chosen: Record<string, string> = {};
    const levels: NonNullable<Rows['scope']>['levels'] = [];
    const read = (tool: string, input: Record<string, unknown>) => readNow<Record<string, unknown>>(this.deps, tool, input, ctx, signal);
    for (const level of view.scope ?? []) {
      const options = await level.options({ ctx, chosen: { ...chosen }, read }).catch(() => []);
      const picked = options.find((option) => option.id === asked[level.id]) ?? options.find((option) => option.default) ?? options[0];
      // Options that cannot be read (no kubeconfig, listing refused) leave what was asked; its list says what is wrong.
      const value = picked?.id ?? asked[level.id];
      if (value) chosen[level.id] = value;
      levels.push({ id: level.id, label: level.label, options: options.map((option) => ({ id: option.id, label: option.label })) });
    }
    return { chosen, levels };
  }

  /** The scope an action or read acts in: the one its rows were shown in, every level given. */
  private shownScope(view: ResourceViewDefinition<any>, requested: ResourceScope | undefined): ResourceScope {
    const scope = scopeOf(view, requested);
    const missing = (view.scope ?? []).filter((level) => !scope[level.id]);
    if (missing.length) throw Object.assign(new Error(`Say where it acts: the request has no ${missing.map((level) => level.label.toLowerCase()).join(' or ')} (send the scope the rows were shown in).`), { code: 'BAD_REQUEST' });
    return scope;
  }

  /** Changes become `resources.changed` for every window; a watch that fails is tried again on the next list. */
  private watch(view: ResourceViewDefinition<any>, ctx: ToolContext, scope: ResourceScope): void {
    const watch = view.watch;
    if (!watch) return;
    if (!this.watchIds.has(watch)) this.watchIds.set(watch, this.watchIds.size);
    const key = `${this.watchIds.get(watch)}|${JSON.stringify(Object.entries(scope).sort())}`;
    const running = this.watching.get(key);
    if (running) {
      // Listed again: the most recent, so the last to be stopped.
      this.watching.delete(key);
      this.watching.set(key, running);
      return;
    }
    // A watch of one view names it, so windows showing another view need not read theirs again.
    const sharing = this.deps.views.filter((candidate) => candidate.view.watch === watch);
    const payload = sharing.length === 1 ? { view: view.id } : {};
    // An ended watch is started again by the next list, which its end asks windows to do.
    const ended = (): void => {
      if (this.watching.get(key)?.started !== started) return;
      this.watching.delete(key);
      this.deps.events.emit('resources.changed', payload);
    };
    const started: Promise<() => void> = watch(ctx, () => this.deps.events.emit('resources.changed', payload), () => ended(), scope);
    this.watching.set(key, { watch, started });
    started.catch(() => this.watching.get(key)?.started === started && this.watching.delete(key));
    while (this.watching.size > MAX_WATCHES) {
      const [oldest, entry] = this.watching.entries().next().value!;
      this.watching.delete(oldest);
      void entry.started.then((dispose) => dispose(), () => undefined);
    }
  }
}
