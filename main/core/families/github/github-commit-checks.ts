import { checkWorkflow, formatWorkflowProblems, type WorkflowCheckOptions, type WorkflowProblem } from './github-workflow-check';
import { type FileChange, isDeletion } from './github-git-data';

// Every workflow file a commit writes is checked before anything is sent to GitHub: a workflow
// with an error (GitHub's schema, actionlint, a risky pattern of error severity) is never
// committed, and the step says which file, which line and why.

/** A file GitHub Actions runs: `.github/workflows/*.yml` or `.yaml`. */
export const isWorkflowPath = (path: string): boolean => /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);

export interface WorkflowFileCheck {
  readonly path: string;
  readonly ok: boolean;
  readonly problems: readonly WorkflowProblem[];
  /** Whether actionlint ran; when it did not, why. */
  readonly actionlint: string | null;
}

/** The workflow files among the changes, each checked (deletions are not: nothing is left to run). */
export async function checkWorkflowFiles(changes: readonly FileChange[], options: WorkflowCheckOptions = {}): Promise<WorkflowFileCheck[]> {
  const workflows = changes.filter((change): change is Extract<FileChange, { content: string }> => !isDeletion(change) && isWorkflowPath(change.path));
  return Promise.all(
    workflows.map(async (file) => {
      const check = await checkWorkflow(file.content, options);
      return { path: file.path, ok: check.ok, problems: check.problems, actionlint: check.actionlint.ran ? null : check.actionlint.reason };
    }),
  );
}

/** Why the commit is refused for its workflows (each failing file with its problems, `line:column severity [rule] message`), or null. */
export function workflowRefusal(checks: readonly WorkflowFileCheck[]): string | null {
  const failing = checks.filter((check) => !check.ok);
  if (!failing.length) return null;
  return failing.map((check) => `${check.path}:\n${indent(formatWorkflowProblems(check.problems.filter((problem) => problem.severity === 'error')))}`).join('\n');
}

/** One line per workflow that passes, with its warnings and notes, for the preview. */
export function workflowNotes(checks: readonly WorkflowFileCheck[]): string[] {
  return checks.map((check) => {
    const shown = check.problems.filter((problem) => problem.severity !== 'error');
    const found = shown.length ? `passes the workflow checks with ${shown.length} note${shown.length === 1 ? '' : 's'} (${formatWorkflowProblems(shown).split('\n').join('; ')})` : 'passes the workflow checks';
    return `${check.path} ${found}${check.actionlint ? ` (actionlint did not run: ${check.actionlint.replace(/\.$/, '')})` : ''}`;
  });
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
