import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { Redactor } from '../audit/redactor';
import type { RowJournal } from '../audit/row-journal';
import type { Plan } from './plan-schema';
import type { StepState } from './plan-runner';
import type { RunStatus, StepStatus } from './run-events';

export interface StoredRun {
  readonly id: string;
  readonly planId: string;
  readonly workspace: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

export interface StoredStep {
  readonly stepId: string;
  readonly tool: string;
  readonly status: StepStatus;
  readonly risk: string;
  readonly input: unknown;
  readonly output: Record<string, unknown> | null;
  readonly error: { code: string; message: string } | null;
  readonly snapshot: unknown;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const parse = <T>(text: string | null | undefined): T | null => (text == null ? null : (JSON.parse(text) as T));

const SAVE_STEP = `INSERT INTO run_steps (run_id, step_id, tool, status, risk, target_json, input_json, output_json, error_json, snapshot_json, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(run_id, step_id) DO UPDATE SET status = excluded.status, input_json = excluded.input_json, output_json = excluded.output_json,
    error_json = excluded.error_json, snapshot_json = excluded.snapshot_json, updated_at = excluded.updated_at`;

/** Plans, runs and step states. The only module with SQL for them. */
export class RunRepository {
  constructor(
    private readonly db: Database,
    /** Plans, inputs, outputs and errors are stored redacted: for reading and undo, never for replaying secrets. */
    private readonly redactor: Redactor = new Redactor(),
    /** The audit log: every row written here is journaled there, so an edit made behind Reign's back shows in `reign audit verify`. */
    private readonly journal?: RowJournal,
  ) {}

  // The statements a run writes with are prepared once: preparing one cost as much as running it, three times per step.
  private readonly prepared = new Map<string, Statement>();
  private statement(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) this.prepared.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  savePlan(plan: Plan): string {
    const id = randomUUID();
    // Secrets written into a plan (a password for a container) are not kept; resume then asks for the file again.
    this.statement('INSERT INTO plans (id, created_at, plan_json) VALUES (?, ?, ?)').run(id, new Date().toISOString(), JSON.stringify(this.redactor.redactValue(plan)));
    this.journal?.journalRow('plans', [id]);
    return id;
  }

  plan(id: string): Plan | null {
    const row = this.db.prepare('SELECT plan_json FROM plans WHERE id = ?').get(id) as { plan_json: string } | undefined;
    return row ? (JSON.parse(row.plan_json) as Plan) : null;
  }

  createRun(id: string, planId: string, workspace: string): void {
    this.statement("INSERT INTO runs (id, plan_id, workspace, status, pid, started_at) VALUES (?, ?, ?, 'running', ?, ?)").run(id, planId, workspace, process.pid, new Date().toISOString());
    this.journal?.journalRow('runs', [id]);
  }

  finishRun(id: string, status: RunStatus): void {
    this.statement('UPDATE runs SET status = ?, ended_at = ? WHERE id = ?').run(status, new Date().toISOString(), id);
    this.journal?.journalRow('runs', [id]);
  }

  saveStep(runId: string, state: StepState): void {
    this.writeStep(runId, state);
    this.journal?.journalRow('run_steps', [runId, state.step.id]);
  }

  /**
   * The steps of a run as classified, in one transaction before any of them runs (one commit, where
   * a commit each was most of the cost of starting a large plan). Journaled after the commit: the
   * head file must never run ahead of what the database kept.
   */
  saveSteps(runId: string, states: Iterable<StepState>): void {
    const saved = this.db.transaction(() => {
      const ids: string[] = [];
      for (const state of states) {
        this.writeStep(runId, state);
        ids.push(state.step.id);
      }
      return ids;
    })();
    this.journal?.journalRows('run_steps', saved.map((id) => [runId, id]));
  }

  private writeStep(runId: string, state: StepState): void {
    this.statement(SAVE_STEP).run(runId, state.step.id, state.step.tool, state.status, state.risk, json(state.target), JSON.stringify(this.redactor.redactValue(state.input)), json(this.redactor.redactValue(state.output)), json(this.redactor.redactValue(state.error)), json(state.snapshot), new Date().toISOString());
  }

  /**
   * After a crash: runs still marked running are interrupted, and their steps that were running are
   * unknown (they may or may not have had their effect). Nothing is re-run. Returns the run ids.
   */
  markInterrupted(): string[] {
    const changedSteps: [string, string][] = [];
    const ids = this.db.transaction(() => {
      const rows = this.db.prepare("SELECT id, pid FROM runs WHERE status = 'running'").all() as { id: string; pid: number }[];
      // A run whose process is still alive is running elsewhere (another `reign`), not interrupted.
      const ids = rows.filter((row) => row.pid !== process.pid && !processAlive(row.pid)).map((row) => row.id);
      for (const id of ids) {
        for (const stepId of this.db.prepare("SELECT step_id FROM run_steps WHERE run_id = ? AND status = 'running'").pluck().all(id) as string[]) changedSteps.push([id, stepId]);
        this.db.prepare("UPDATE run_steps SET status = 'unknown', updated_at = ? WHERE run_id = ? AND status = 'running'").run(new Date().toISOString(), id);
        this.db.prepare("UPDATE runs SET status = 'interrupted', ended_at = ? WHERE id = ?").run(new Date().toISOString(), id);
      }
      return ids;
    })();
    // Journaled after the commit: the head file must never run ahead of what the database kept.
    for (const key of changedSteps) this.journal?.journalRow('run_steps', key);
    for (const id of ids) this.journal?.journalRow('runs', [id]);
    return ids;
  }

  listRuns(limit = 50): StoredRun[] {
    return (this.db.prepare('SELECT id, plan_id, workspace, status, started_at, ended_at FROM runs ORDER BY started_at DESC LIMIT ?').all(limit) as Record<string, string>[]).map(toRun);
  }

  /** Runs for the history view: newest first, with their plan's name and the targets their steps touched. */
  history(filter: { id?: string; status?: string; target?: string }, limit = 200): (StoredRun & { planName: string | null; steps: number; targets: string[] })[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.plan_id, r.workspace, r.status, r.started_at, r.ended_at, p.plan_json,
                (SELECT count(*) FROM run_steps s WHERE s.run_id = r.id) AS steps,
                (SELECT json_group_array(DISTINCT json_extract(s.target_json, '$.id')) FROM run_steps s WHERE s.run_id = r.id AND s.target_json IS NOT NULL) AS targets
         FROM runs r JOIN plans p ON p.id = r.plan_id
         WHERE (@status IS NULL OR r.status = @status) AND (@id IS NULL OR r.id = @id)
           AND (@target IS NULL OR EXISTS (SELECT 1 FROM run_steps s WHERE s.run_id = r.id AND json_extract(s.target_json, '$.id') = @target))
         ORDER BY r.started_at DESC LIMIT @limit`,
      )
      .all({ status: filter.status ?? null, id: filter.id ?? null, target: filter.target ?? null, limit }) as Record<string, string | number>[];
    return rows.map((row) => ({
      ...toRun(row as Record<string, string>),
      planName: (JSON.parse(String(row.plan_json)) as { name?: string }).name ?? null,
      steps: Number(row.steps),
      targets: (JSON.parse(String(row.targets ?? '[]')) as (string | null)[]).filter((target): target is string => Boolean(target)),
    }));
  }

  /** Every status and target the journal has, for the History filters (not only those of the newest runs). */
  filterChoices(): { statuses: string[]; targets: string[] } {
    const statuses = this.db.prepare('SELECT DISTINCT status FROM runs ORDER BY status').pluck().all() as string[];
    const targets = this.db.prepare("SELECT DISTINCT json_extract(target_json, '$.id') FROM run_steps WHERE target_json IS NOT NULL ORDER BY 1").pluck().all() as (string | null)[];
    return { statuses, targets: targets.filter((target): target is string => Boolean(target)) };
  }

  run(id: string): StoredRun | null {
    const row = this.db.prepare('SELECT id, plan_id, workspace, status, started_at, ended_at FROM runs WHERE id = ? OR id LIKE ?').get(id, `${id}%`) as Record<string, string> | undefined;
    return row ? toRun(row) : null;
  }

  steps(runId: string): StoredStep[] {
    const rows = this.db.prepare('SELECT * FROM run_steps WHERE run_id = ? ORDER BY rowid').all(runId) as Record<string, string | null>[];
    return rows.map((row) => ({
      stepId: row.step_id!,
      tool: row.tool!,
      status: row.status as StepStatus,
      risk: row.risk!,
      input: parse(row.input_json),
      output: parse(row.output_json),
      error: parse(row.error_json),
      snapshot: parse(row.snapshot_json),
    }));
  }

  setStepStatus(runId: string, stepId: string, status: StepStatus): void {
    this.db.prepare('UPDATE run_steps SET status = ?, updated_at = ? WHERE run_id = ? AND step_id = ?').run(status, new Date().toISOString(), runId, stepId);
    this.journal?.journalRow('run_steps', [runId, stepId]);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function toRun(row: Record<string, string>): StoredRun {
  return { id: row.id!, planId: row.plan_id!, workspace: row.workspace!, status: row.status as RunStatus, startedAt: row.started_at!, endedAt: row.ended_at ?? null };
}
