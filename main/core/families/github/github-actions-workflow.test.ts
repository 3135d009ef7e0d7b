import { describe, expect, it } from 'vitest';
import { downloadRefusal } from './github-actions-artifact-tools';
import { cancelRefusal, rerunRefusal } from './github-actions-run-tools';
import { durationSeconds, durationText } from './github-actions-shapes';
import { matchWorkflow, workflowPathId } from './github-actions-workflow';

const workflows = [
  { id: 161335, name: 'CI', path: '.github/workflows/blank.yaml', state: 'active' },
  { id: 269289, name: 'Linter', path: '.github/workflows/linter.yaml', state: 'active' },
  { id: 3, name: 'Dependabot Updates', path: 'dynamic/dependabot/dependabot-updates', state: 'active' },
];

describe('naming a workflow', () => {
  it('by id, file, path or name (case-insensitive)', () => {
    expect(matchWorkflow(workflows, 161335)?.name).toBe('CI');
    expect(matchWorkflow(workflows, '269289')?.name).toBe('Linter');
    expect(matchWorkflow(workflows, 'linter.yaml')?.name).toBe('Linter');
    expect(matchWorkflow(workflows, '.github/workflows/blank.yaml')?.name).toBe('CI');
    expect(matchWorkflow(workflows, 'ci')?.name).toBe('CI');
    expect(matchWorkflow(workflows, 'deploy.yml')).toBeNull();
  });

  it('is asked for by its file name (what GitHub’s description takes unambiguously), by id when it has none', () => {
    expect(workflowPathId(workflows[0]!)).toBe('blank.yaml');
    expect(workflowPathId(workflows[2]!)).toBe(3);
  });
});

describe('refusals said before anything is sent', () => {
  it('a re-run waits for the run to complete, and re-running failed jobs needs one', () => {
    expect(rerunRefusal({ id: 7, status: 'in_progress', conclusion: null }, [], false)).toMatch(/the run 7 is in_progress: a run is re-run once it has completed/);
    expect(rerunRefusal({ id: 7, status: 'completed', conclusion: 'success' }, [], false)).toBe('the run 7 has no failed job (it concluded success): re-run it whole with all: true');
    expect(rerunRefusal({ id: 7, status: 'completed', conclusion: 'success' }, [], true)).toBeNull();
    expect(rerunRefusal({ id: 7, status: 'completed', conclusion: 'failure' }, ['test'], false)).toBeNull();
  });

  it('a completed run cannot be cancelled', () => {
    expect(cancelRefusal({ id: 7, status: 'completed', conclusion: 'failure' })).toBe('the run 7 has already completed (failure): there is nothing to cancel');
    expect(cancelRefusal({ id: 7, status: 'queued', conclusion: null })).toBeNull();
  });

  it('a download refuses an expired artifact, a folder, and an existing file unless overwrite', () => {
    const artifact = { name: 'Rails', expired: false };
    expect(downloadRefusal({ ...artifact, expired: true }, 'a.zip', 'none', false)).toMatch(/has expired/);
    expect(downloadRefusal(artifact, 'out/', 'other', false)).toBe('out/ is a folder (or not a file) in the workspace: give the path of the zip to write, e.g. out/Rails.zip');
    expect(downloadRefusal(artifact, 'a.zip', 'file', false)).toBe('a.zip already exists in the workspace: give another path, or overwrite: true to replace it');
    expect(downloadRefusal(artifact, 'a.zip', 'file', true)).toBeNull();
    expect(downloadRefusal(artifact, 'a.zip', 'none', false)).toBeNull();
  });
});

describe('durations', () => {
  it('from start and end, as a person reads them', () => {
    expect(durationSeconds('2020-01-20T17:42:40Z', '2020-01-20T17:44:39Z')).toBe(119);
    expect(durationSeconds('2020-01-20T09:42:40.000-08:00', '2020-01-20T09:42:41.000-08:00')).toBe(1);
    expect(durationSeconds('2020-01-20T17:42:40Z', null)).toBeNull();
    expect([durationText(119), durationText(5), durationText(3725), durationText(null)]).toEqual(['1m 59s', '5s', '1h 2m 5s', '']);
  });
});
