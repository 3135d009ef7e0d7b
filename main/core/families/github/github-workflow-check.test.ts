import { describe, expect, it } from 'vitest';
import { actionlintPeer } from '../../../../e2e/fixtures/actionlint';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { checkWorkflow, checkWorkflowOffline, type WorkflowProblem } from './github-workflow-check';

const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';

/** A workflow with one job whose steps are given as YAML lines (indented as steps). */
const workflow = (steps: string, head = 'on: push\npermissions:\n  contents: read\n'): string => `${head}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

const rules = (problems: readonly WorkflowProblem[]): string[] => problems.map((problem) => `${problem.line}:${problem.severity}:${problem.rule}`);

describe('workflow check: syntax and schema', () => {
  it('a clean workflow has no problems at all', () => {
    expect(checkWorkflowOffline(workflow(`      - uses: ${CHECKOUT}\n      - run: npm test\n`))).toEqual([]);
  });

  it('a YAML error is reported on its line, and nothing else is guessed', () => {
    const problems = checkWorkflowOffline('on: push\njobs:\n  a:\n    runs-on: x\n    runs-on: y\n');
    expect(rules(problems)).toEqual(['5:error:yaml:duplicate_key']);
  });

  it('refuses a mapping used as a key (an unquoted {{ placeholder }}), which YAML allows and GitHub does not', () => {
    const problems = checkWorkflowOffline(workflow('      - uses: some/action@0123456789abcdef0123456789abcdef01234567\n        with:\n          group: {{ groupId }}\n'));
    expect(problems).toMatchObject([{ source: 'yaml', rule: 'yaml:complex-key', severity: 'error', line: 10, column: 19 }]);
  });

  it('a typo in a key is named on the line of the key', () => {
    const text = 'on:\n  pull_request:\n    ignore-paths: [a]\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n';
    const [problem] = checkWorkflowOffline(text);
    expect(problem).toMatchObject({ source: 'schema', severity: 'error', line: 3, column: 5, message: expect.stringContaining('"ignore-paths" is not a key') });
  });

  it('reports what is wrong in a job, not the other shape a job could have had', () => {
    // A step with neither run nor uses: the schema's reusable-workflow shape would also complain
    // that runs-on and steps are unknown keys; only the real problem is shown.
    const problems = checkWorkflowOffline(workflow('      - name: nothing to do\n'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 8, message: expect.stringMatching(/^jobs\.build\.steps\[0\]: needs "uses", or needs "run"/) });
  });

  it('names every missing top-level key of an empty workflow', () => {
    expect(checkWorkflowOffline('{}\n')).toMatchObject([{ source: 'schema', message: 'The workflow: needs "on" and "jobs".' }]);
  });
});

describe('workflow check: risky patterns', () => {
  it('refuses pull_request_target checking out the pull request head, on the line of the ref', async () => {
    const text = workflow(`      - uses: ${CHECKOUT}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm test\n`, 'on: pull_request_target\npermissions:\n  contents: read\n');
    const result = await checkWorkflow(text, { actionlint: false });
    expect(result).toMatchObject({ ok: false, refusedBy: ['risk'] });
    expect(result.problems).toMatchObject([{ rule: 'pr-target-checkout', severity: 'error', line: 10 }]);
    // The same checkout under pull_request runs without secrets: nothing to flag.
    expect(checkWorkflowOffline(text.replace('pull_request_target', 'pull_request'))).toEqual([]);
  });

  it('refuses gh pr checkout in a pull_request_target workflow', () => {
    const problems = checkWorkflowOffline(workflow('      - run: gh pr checkout 1\n', 'on: pull_request_target\npermissions: {}\n'));
    expect(rules(problems)).toEqual(['7:error:pr-target-checkout']);
  });

  it('refuses untrusted event text pasted into run, with the column of the expression', () => {
    const text = workflow('      - run: |\n          echo "building"\n          echo "${{ github.event.issue.title }}"\n', 'on: issues\npermissions: {}\n');
    const problems = checkWorkflowOffline(text);
    expect(problems).toMatchObject([{ rule: 'untrusted-input', severity: 'error', line: 9, column: 17, endColumn: 48, message: expect.stringContaining('github.event.issue.title') }]);
  });

  it('catches the other untrusted contexts and bracket forms, in run and in github-script', () => {
    for (const context of ['github.head_ref', 'github.event.pull_request.body', 'github.event.comment.body', "github.event['pull_request']['title']", 'github.event.commits[0].message', 'github.event.head_commit.author.email', 'github.event.workflow_run.head_branch']) {
      expect(rules(checkWorkflowOffline(workflow(`      - run: echo \${{ ${context} }}\n`))), context).toEqual(['8:error:untrusted-input']);
    }
    const script = workflow('      - uses: actions/github-script@v7\n        with:\n          script: console.log("${{ github.event.issue.body }}")\n');
    expect(rules(checkWorkflowOffline(script))).toEqual(['10:error:untrusted-input']);
  });

  it('lets untrusted text through an environment variable, and trusted contexts in run', () => {
    const text = workflow('      - env:\n          TITLE: ${{ github.event.issue.title }}\n        run: echo "$TITLE" ${{ github.sha }} ${{ github.event.issue.number }}\n');
    expect(checkWorkflowOffline(text)).toEqual([]);
  });

  it('refuses write-all at the top and in a job', () => {
    const text = 'on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: "true"\n';
    expect(rules(checkWorkflowOffline(text))).toEqual(['2:error:write-all', '6:error:write-all']);
  });

  it('notes a workflow with no permissions at all, without refusing it', async () => {
    const result = await checkWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n', { actionlint: false });
    expect(result.ok).toBe(true);
    expect(rules(result.problems)).toEqual(['1:info:permissions-missing']);
  });

  it('refuses a secret printed to the log, directly or through its variable', () => {
    expect(rules(checkWorkflowOffline(workflow('      - run: echo "token is ${{ secrets.NPM_TOKEN }}"\n')))).toEqual(['8:error:secret-echoed']);
    const viaEnv = workflow('      - env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n        run: |\n          ./deploy.sh\n          printf "%s" "$TOKEN"\n');
    expect(rules(checkWorkflowOffline(viaEnv))).toEqual(['12:error:secret-echoed']);
    expect(rules(checkWorkflowOffline(workflow('      - run: echo ${{ toJSON(secrets) }} > all.json\n')))).toEqual(['8:error:secret-echoed']);
  });

  it('lets a secret be piped into a program, written to a file or masked', () => {
    const text = workflow(
      [
        '      - env:',
        '          TOKEN: ${{ secrets.REGISTRY_TOKEN }}',
        '        run: |',
        '          echo "$TOKEN" | docker login ghcr.io -u me --password-stdin',
        '          echo "::add-mask::$TOKEN"',
        '          echo "$TOKEN" > "$RUNNER_TEMP/token"',
        '          echo "deploying"',
        '',
      ].join('\n'),
    );
    expect(checkWorkflowOffline(text)).toEqual([]);
  });

  it('warns about third-party actions and images not pinned to a commit or digest, not about GitHub-owned ones', async () => {
    const text = workflow(
      [
        '      - uses: actions/setup-node@v4',
        '      - uses: github/codeql-action/init@v3',
        '      - uses: docker/login-action@v3',
        '      - uses: docker/login-action@184bdaa0721073962dff0199f1fb9940f07167d1 # v3.5.0',
        '      - uses: ./.github/actions/local',
        '      - uses: docker://alpine:3.20',
        '',
      ].join('\n'),
    );
    const result = await checkWorkflow(text, { actionlint: false });
    expect(result.ok).toBe(true);
    expect(rules(result.problems)).toEqual(['10:warning:unpinned-action', '13:warning:unpinned-image']);
    expect(result.problems[0]!.message).toContain('docker/login-action@<sha> # v3');
  });

  it('checks a reusable workflow call like an action', () => {
    const text = 'on: push\npermissions: {}\njobs:\n  call:\n    uses: someone/shared/.github/workflows/ci.yml@main\n';
    expect(rules(checkWorkflowOffline(text))).toEqual(['5:warning:unpinned-action']);
  });
});

describe('workflow check: actionlint', () => {
  it('says actionlint did not run when it is not installed, and still gives the other checks', async () => {
    const result = await checkWorkflow(workflow('      - run: echo ${{ github.head_ref }}\n'), { actionlint: { binary: 'reign-no-such-actionlint' } });
    expect(result.actionlint).toEqual({ ran: false, reason: expect.stringContaining('reign-no-such-actionlint is not on PATH') });
    expect(result.refusedBy).toEqual(['risk']);
  });

  it('runs the real actionlint and places its findings for editor markers', async (context) => {
    const { binary, problem } = actionlintPeer();
    requireInfrastructure(context, problem, 'actionlint (.ci/peers/actionlint.sh)');
    const text = workflow('      - uses: actions/checkout@v4\n      - run: echo ${{ matrix.missing }}\n    timeout-minutes: soon\n');
    const result = await checkWorkflow(text, { actionlint: { binary: binary!, scriptLinters: false } });
    expect(result.actionlint).toEqual({ ran: true });
    const linted = result.problems.filter((found) => found.source === 'actionlint');
    expect(linted.map((found) => `${found.line}:${found.rule}`)).toEqual(expect.arrayContaining(['9:actionlint:expression', '10:actionlint:syntax-check']));
    const missing = linted.find((found) => found.message.includes('missing'))!;
    // `${{ matrix.missing }}` is on line 9; the marker covers the property, not one character.
    expect(missing).toMatchObject({ line: 9, severity: 'error' });
    expect(missing.endColumn).toBeGreaterThan(missing.column);
    expect(result.refusedBy).toContain('actionlint');
  });
});
