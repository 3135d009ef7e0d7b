import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import type { Redactor } from '../audit/redactor';
import { StepOutputRedaction } from './step-output-redaction';
import { PlanRunner, type RunRequest, type RunResult } from '../plan/plan-runner';
import type { RunEvent } from '../plan/run-events';
import type { RunRepository } from '../plan/run-repository';
import { type UndoEvent, type UndoOutcome, undoRun } from '../plan/undo-run';
import type { PolicyEngine } from '../policy/policy-engine';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { type AccessWhere, noSecrets } from '../tools/access';
import type { ToolRegistry } from '../tools/tool-registry';

export interface OperationsDependencies {
  readonly registry: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly shell: () => Promise<ShellAnalyzer>;
  readonly runs: RunRepository;
  readonly audit: AuditLog;
  readonly redactor: Redactor;
  /** Family credentials from the keychain, for the connections steps open (see AccessWhere.secret). */
  readonly secret?: AccessWhere['secret'];
}

/** A plan waiting for a person, whoever proposed it (the chat, the Resources pane, later an MCP client). */
export interface PendingApproval<P = unknown, A = unknown> {
  readonly id: string;
  /** Who waits for the answer: `chat:<conversation>`, `resources`… */
  readonly caller: string;
  readonly summary: string;
  readonly proposal: P;
  readonly since: string;
  readonly answer: (answer: A) => void;
}

/**
 * Runs and undoes plans for every caller the same way: each run journaled in the audit log and
 * the run repository, its events redacted before any caller sees them; and one inbox of the plans
 * that wait for a person's approval.
 */
export class OperationsService {
  private readonly pending = new Map<string, PendingApproval<any, any>>();

  constructor(private readonly deps: OperationsDependencies) {}

  /** The keychain reader every tool context of this core gets: plans, reads, undos, views. */
  get secret(): AccessWhere['secret'] {
    return this.deps.secret ?? noSecrets;
  }

  /** Runs a plan through the policy; `listen` gets every event, redacted, after it is journaled. */
  async run(request: RunRequest, listen: (event: RunEvent) => void = () => undefined): Promise<RunResult> {
    return this.runner(await this.deps.shell(), listen).run(request);
  }

  /** A runner journaling like `run`, for a caller that runs several plans with one listener (an agent session). */
  runner(shell: ShellAnalyzer, listen: (event: RunEvent) => void = () => undefined): PlanRunner {
    const output = new StepOutputRedaction(this.deps.redactor);
    return new PlanRunner({
      registry: this.deps.registry,
      policy: this.deps.policy,
      shell,
      secret: this.secret,
      repository: this.deps.runs,
      emit: (raw) => {
        for (const event of output.apply(raw)) {
          // Output lines are batched per tick (durable by the end of it); every other event is committed before the run goes on.
          if (event.type === 'step.output') {
            // Output arrives in a child's data listener, where a throw would take the process down: a
            // log that cannot be written is reported by the step's next journaled event, which fails the run.
            try {
              this.deps.audit.appendBatched(event.type, event, event.runId);
            } catch {
              /* the next append throws the same AuditUnavailableError where the runner handles it */
            }
          } else this.deps.audit.append(event.type, event, event.runId);
          listen(this.deps.redactor.redactValue(event));
        }
      },
    });
  }

  /** Undoes a finished run, dependents first (see undoRun); journaled. */
  undo(runId: string, env: NodeJS.ProcessEnv, listen: (event: UndoEvent) => void): Promise<UndoOutcome> {
    return undoRun({ runs: this.deps.runs, tools: this.deps.registry, audit: this.deps.audit, shell: this.deps.shell, secret: this.secret }, runId, env, listen);
  }

  /** Waits for a person's answer to a proposal; it is in the inbox until answered or withdrawn. */
  awaitApproval<P, A>(caller: string, summary: string, proposal: P): { id: string; answer: Promise<A> } {
    const id = randomUUID();
    const answer = new Promise<A>((resolve) => {
      this.pending.set(id, { id, caller, summary, proposal, since: new Date().toISOString(), answer: resolve });
    });
    return { id, answer };
  }

  /** The plans waiting for approval, oldest first; of one caller when given. */
  inbox(caller?: string): PendingApproval[] {
    return [...this.pending.values()].filter((entry) => !caller || entry.caller === caller);
  }

  /** Answers a waiting plan; false when it is no longer waiting (answered, withdrawn, replaced). */
  answer<A>(id: string, answer: A): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    entry.answer(answer);
    return true;
  }

  /** Withdraws what a caller waits for (the chat was stopped); nothing runs for it. */
  withdraw(caller: string): void {
    for (const entry of this.inbox(caller)) this.pending.delete(entry.id);
  }
}
