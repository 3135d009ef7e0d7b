import type { DocumentCheck } from '../family';
import { checkWorkflow } from './github-workflow-check';

// A workflow file open in the editor, checked in main the way Reign checks one before committing
// it (github-workflow-check.ts: YAML, GitHub's schema, actionlint when it is on PATH, risky
// patterns), so the editor's markers and a plan's refusal never disagree.

/** actionlint is given a name under .github/workflows/ (its path rules need one); the file's own when it has one. */
export function actionlintName(fileName: string | undefined): string {
  const base = (fileName ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  return `.github/workflows/${/^[\w.-]+\.ya?ml$/i.test(base) ? base : 'workflow.yml'}`;
}

export const githubWorkflowDocumentCheck: DocumentCheck = {
  kind: 'github-workflow',
  check: async (text, { signal, fileName }) => {
    const result = await checkWorkflow(text, { actionlint: { filename: actionlintName(fileName), signal, timeoutMs: 20_000 } });
    const problems = result.problems.map(({ severity, message, source, rule, line, column, endLine, endColumn }) => ({ severity, message, source, rule, line, column, endLine, endColumn }));
    return { problems, notes: result.actionlint.ran ? [] : [result.actionlint.reason] };
  },
};

/** The documents the GitHub family checks for the editor. */
export const githubDocumentChecks: readonly DocumentCheck[] = [githubWorkflowDocumentCheck];
