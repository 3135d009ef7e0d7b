import { describe, expect, it } from 'vitest';
import { actionlintName, githubWorkflowDocumentCheck } from './github-view-workflow-check';

describe('a workflow checked for the editor', () => {
  it('is named for actionlint after the file open in the editor', () => {
    expect(actionlintName('.github/workflows/deploy.yaml')).toBe('.github/workflows/deploy.yaml');
    expect(actionlintName('C:\\\\repo\\\\.github\\\\workflows\\\\ci.yml')).toBe('.github/workflows/ci.yml');
    expect(actionlintName(undefined)).toBe('.github/workflows/workflow.yml');
    expect(actionlintName('../../etc/passwd')).toBe('.github/workflows/workflow.yml');
  });

  it('places each problem for a marker, with its source and rule', async () => {
    const text = 'on: push\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
    const { problems } = await githubWorkflowDocumentCheck.check(text, { env: {}, signal: new AbortController().signal, fileName: '.github/workflows/ci.yml' });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', source: 'risk', rule: 'write-all', line: 2, column: expect.any(Number), endLine: 2 }));
  });
});
