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
import type { ResourceViewDefinition } from './resource-view';

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
}

const notFound = (what: string): Error => Object.assign(new Error(what), { code: 'NOT_FOUND' });

/**
 * The Resources pane over every family's views: rows through each view's list tool (a policy-checked
 * read), live changes from the view's watch, and row actions as plans (one step per selected row)
 * through the policy, the approval bound to the risk shown, and the audit log.
 */
export class ResourcesService {
  /** By watch function: views that share one (Docker's four share the engine's event stream) start it once. */
  private readonly watching = new Map<NonNullable<ResourceViewDefinition['watch']>, Promise<() => void>>();

  constructor(private readonly deps: ResourcesDependencies) {}

  views(): { views: ResourceView[] } {
    return {
      views: this.deps.views.map(({ family, view }) => ({
        id: view.id,
        family: family.id,
        familyTitle: family.title,
        title: view.title,
        columns: [...view.columns],
        actions: (view.actions ?? []).map((action) => ({ id: action.id, label: action.label, tool: action.tool, bulk: action.bulk ?? false })),
        detail: view.detail ?? null,
        empty: view.empty,
      })),
    };
  }

  async rows(viewId: string, signal: AbortSignal): Promise<CommandResponse<'resources.rows'>> {
    const view = this.view(viewId);
    const ctx = await this.context();
    const tool = this.deps.registry.get(view.list.tool)!;
    const target = tool.target({ input: tool.input.parse(view.list.input), ctx, facts: undefined }).label;
    let output: Record<string, unknown>;
    try {
      output = await readNow<Record<string, unknown>>(this.deps, view.list.tool, view.list.input, ctx, signal);
    } catch (error) {
      return { target, problem: (error as Error).message, rows: [] };
    }
    this.watch(view, ctx);
    const rows = view.list.rows(output).map((item) => {
      const { live, ...row } = view.row(item);
      return { ...row, live: live ?? false, actions: (view.actions ?? []).filter((action) => !action.when || action.when(item)).map((action) => action.id) };
    });
    return { target, problem: null, rows };
  }

  /** A row action on the selected rows as one plan. Without `approve`, only says what approval it needs. */
  async act(request: ParsedCommandRequest<'resources.act'>): Promise<CommandResponse<'resources.act'>> {
    const view = this.view(request.view);
    const action = view.actions?.find((candidate) => candidate.id === request.action);
    if (!action) throw notFound(`The view ${view.title} has no action ${request.action}.`);
    if (request.rows.length > 1 && !action.bulk) throw Object.assign(new Error(`${action.label} runs on one row at a time.`), { code: 'BAD_REQUEST' });
    const ctx = await this.context();
    const tool = this.deps.registry.get(action.tool)!;
    const steps = request.rows.map((key, index) => ({ id: request.rows.length === 1 ? action.id : `${action.id}-${index + 1}`, tool: tool.name, input: tool.input.parse(action.input(key)) as Record<string, unknown>, dependsOn: [] as string[] }));
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

  /** One of the view's reads for a row, through the policy (see readNow). */
  async read(request: ParsedCommandRequest<'resources.read'>, signal: AbortSignal): Promise<CommandResponse<'resources.read'>> {
    const view = this.view(request.view);
    const read = view.reads?.[request.read];
    if (!read) throw notFound(`The view ${view.title} has no read ${request.read}.`);
    return { output: await readNow<Record<string, unknown>>(this.deps, read.tool, read.input(request.row), await this.context(), signal) };
  }

  dispose(): void {
    for (const stop of this.watching.values()) void stop.then((dispose) => dispose(), () => undefined);
    this.watching.clear();
  }

  private view(id: string): ResourceViewDefinition<any> {
    const found = this.deps.views.find(({ view }) => view.id === id)?.view;
    if (!found) throw notFound(`There is no resource view ${id}.`);
    return found;
  }

  private async context(): Promise<ToolContext> {
    return toolContext(process.cwd(), this.deps.env, await this.deps.shell());
  }

  /** Changes become `resources.changed` for every window; a watch that fails is tried again on the next list. */
  private watch(view: ResourceViewDefinition<any>, ctx: ToolContext): void {
    const watch = view.watch;
    if (!watch || this.watching.has(watch)) return;
    // An ended watch is started again by the next list, which its end asks windows to do.
    const ended = (): void => {
      if (this.watching.get(watch) !== started) return;
      this.watching.delete(watch);
      this.deps.events.emit('resources.changed', {});
    };
    const started: Promise<() => void> = watch(ctx, () => this.deps.events.emit('resources.changed', {}), () => ended());
    this.watching.set(watch, started);
    started.catch(() => this.watching.get(watch) === started && this.watching.delete(watch));
  }
}
