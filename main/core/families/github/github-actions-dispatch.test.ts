import { describe, expect, it } from 'vitest';
import { chooseDispatchedRun, dispatchInputsProblem, dispatchMoment, dispatchTrigger, refName } from './github-actions-dispatch';

const workflow = (on: string) => `name: Deploy\non:\n${on}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n`;

describe('whether a workflow file can be dispatched, and with which inputs', () => {
  it('reads on: as a mapping, a list or a single event', () => {
    expect(dispatchTrigger(workflow('  push:\n  workflow_dispatch:'))).toEqual({ dispatchable: true, inputs: [] });
    expect(dispatchTrigger('on: [push, workflow_dispatch]\njobs: {}\n')).toEqual({ dispatchable: true, inputs: [] });
    expect(dispatchTrigger('on: workflow_dispatch\njobs: {}\n')).toEqual({ dispatchable: true, inputs: [] });
    expect(dispatchTrigger(workflow('  push:\n    branches: [main]'))).toEqual({ dispatchable: false, inputs: null });
    expect(dispatchTrigger('on: [push]\njobs: {}\n')).toEqual({ dispatchable: false, inputs: null });
  });

  it('says it cannot tell from a file that is not a workflow (so GitHub decides)', () => {
    expect(dispatchTrigger('# README\n\nnot a workflow').dispatchable).toBeNull();
    expect(dispatchTrigger('a: [unclosed').dispatchable).toBeNull();
  });

  const inputs = dispatchTrigger(workflow("  workflow_dispatch:\n    inputs:\n      environment:\n        type: choice\n        options: [staging, production]\n        required: true\n      version:\n        required: true\n        default: latest\n      debug:\n        type: boolean"));

  it('refuses inputs the workflow does not take, required ones missing, and choices it does not offer', () => {
    expect(inputs.inputs?.map((input) => input.name)).toEqual(['environment', 'version', 'debug']);
    expect(dispatchInputsProblem(inputs, { environment: 'staging' }, 'deploy.yml')).toBeNull();
    expect(dispatchInputsProblem(inputs, { environment: 'staging', debug: true, version: '1.2' }, 'deploy.yml')).toBeNull();
    expect(dispatchInputsProblem(inputs, { environment: 'staging', region: 'eu' }, 'deploy.yml')).toBe('deploy.yml has no input region: it takes environment, version, debug');
    expect(dispatchInputsProblem(inputs, {}, 'deploy.yml')).toBe('deploy.yml needs the input environment, which has no default');
    expect(dispatchInputsProblem(inputs, { environment: 'prod' }, 'deploy.yml')).toBe("deploy.yml's input environment is one of staging, production, not \"prod\"");
  });

  it('refuses a workflow without workflow_dispatch, saying what to add; says nothing when the file could not be read', () => {
    expect(dispatchInputsProblem(dispatchTrigger(workflow('  push:')), {}, '.github/workflows/ci.yml')).toMatch(/^\.github\/workflows\/ci\.yml cannot be dispatched: its `on:` has no workflow_dispatch\. Add `workflow_dispatch:`/);
    expect(dispatchInputsProblem({ dispatchable: null, inputs: null }, { anything: 'x' }, 'ci.yml')).toBeNull();
  });
});

describe('choosing the run a dispatch started', () => {
  const dispatchedAt = Date.parse('2026-12-02T10:00:05.400Z');
  const run = (id: number, created: string, event = 'workflow_dispatch', branch = 'main') => ({ id, event, head_branch: branch, created_at: created });

  it('the earliest workflow_dispatch run of the ref created since the dispatch, not older ones, other events or other branches', () => {
    const runs = [run(9, '2026-12-02T10:00:09Z'), run(8, '2026-12-02T10:00:07Z'), run(7, '2026-12-02T10:00:06Z', 'push'), run(6, '2026-12-02T10:00:06Z', 'workflow_dispatch', 'dev'), run(5, '2026-12-02T09:59:00Z')];
    expect(chooseDispatchedRun(runs, 'main', dispatchedAt)?.id).toBe(8);
    expect(chooseDispatchedRun(runs, 'refs/heads/dev', dispatchedAt)?.id).toBe(6);
  });

  it('counts a run GitHub stamped in the dispatch’s second (its times have no fractions)', () => {
    expect(chooseDispatchedRun([run(1, '2026-12-02T10:00:05Z')], 'main', dispatchedAt)?.id).toBe(1);
  });

  it('none yet: null, to look again', () => {
    expect(chooseDispatchedRun([run(5, '2026-12-02T09:59:00Z')], 'main', dispatchedAt)).toBeNull();
    expect(chooseDispatchedRun([], 'main', dispatchedAt)).toBeNull();
  });

  it('takes the moment from GitHub’s clock when its answer has a Date (a second before it), else this machine’s', () => {
    expect(dispatchMoment('Wed, 02 Dec 2026 10:00:05 GMT', Date.parse('2026-12-02T10:03:00Z'))).toBe(Date.parse('2026-12-02T10:00:04Z'));
    expect(dispatchMoment(undefined, Date.parse('2026-12-02T10:03:00Z'))).toBe(Date.parse('2026-12-02T10:02:59Z'));
  });

  it('names refs as a run shows them', () => {
    expect([refName('refs/heads/main'), refName('refs/tags/v1.4'), refName('feature/x')]).toEqual(['main', 'v1.4', 'feature/x']);
  });
});
