import { type ActionlintOptions, type ActionlintRun, runActionlint } from './github-workflow-actionlint';
import { sortProblems, type WorkflowProblem, type WorkflowProblemSource } from './github-workflow-problem';
import { riskProblems } from './github-workflow-risks';
import { schemaProblems } from './github-workflow-schema';
import { parseWorkflowText } from './github-workflow-yaml';

export type { WorkflowProblem, WorkflowProblemSeverity, WorkflowProblemSource } from './github-workflow-problem';

export interface WorkflowCheck {
  /** No problem of severity error: the file may be committed. */
  readonly ok: boolean;
  /** Every problem, in reading order, placed for editor markers. */
  readonly problems: readonly WorkflowProblem[];
  /** The checks that found an error (what refused the file); empty when ok. */
  readonly refusedBy: readonly WorkflowProblemSource[];
  /** Whether actionlint ran; when it did not, why (not installed, turned off, failed). */
  readonly actionlint: { readonly ran: true } | { readonly ran: false; readonly reason: string };
}

export interface WorkflowCheckOptions {
  /** How to run actionlint, or false not to (the offline checks alone). Default: `actionlint` from PATH when it is there. */
  readonly actionlint?: ActionlintOptions | false;
}

/**
 * Checks a workflow file before Reign commits it: YAML syntax, GitHub's workflow schema,
 * actionlint when it is installed, and risky patterns found by code (script injection, PR code
 * run with secrets, write-all tokens, printed secrets, third-party actions not pinned to a commit).
 */
export async function checkWorkflow(text: string, options: WorkflowCheckOptions = {}): Promise<WorkflowCheck> {
  const offline = checkWorkflowOffline(text);
  if (options.actionlint === false) return combine(offline, { ran: false, reason: 'actionlint was not asked for' });
  const linted: ActionlintRun = await runActionlint(text, options.actionlint ?? {});
  return combine([...offline, ...(linted.ran ? linted.problems : [])], linted.ran ? { ran: true } : { ran: false, reason: linted.reason });
}

/**
 * The checks that need nothing installed (syntax, schema, risky patterns): what an editor can run
 * on every keystroke. A file YAML cannot read gets its syntax errors alone, since its value is unknown.
 */
export function checkWorkflowOffline(text: string): WorkflowProblem[] {
  const workflow = parseWorkflowText(text);
  if (workflow.problems.length) return sortProblems(workflow.problems);
  return sortProblems([...schemaProblems(workflow), ...riskProblems(workflow)]);
}

/** Problems as lines of text: `12:9 error [untrusted-input] …`, for a terminal or a tool's output. */
export function formatWorkflowProblems(problems: readonly WorkflowProblem[]): string {
  return problems.map((problem) => `${problem.line}:${problem.column} ${problem.severity} [${problem.rule}] ${problem.message}`).join('\n');
}

function combine(problems: readonly WorkflowProblem[], actionlint: WorkflowCheck['actionlint']): WorkflowCheck {
  const sorted = sortProblems(problems);
  const refusedBy = [...new Set(sorted.filter((problem) => problem.severity === 'error').map((problem) => problem.source))];
  return { ok: refusedBy.length === 0, problems: sorted, refusedBy, actionlint };
}
