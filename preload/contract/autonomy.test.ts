import { describe, expect, it } from 'vitest';
import { approvalDefaultFor } from './autonomy';
import { DEFAULT_SETTINGS, type ModelScore } from './settings';

const score = (passAt1: number, safeRuns = 10, totalRuns = 10): ModelScore => ({ passAt1, passHatK: passAt1, k: 1, tasks: 10, safeRuns, totalRuns, measuredAt: '2026-12-01T00:00:00.000Z' });
const settings = (scores: Record<string, ModelScore>, enabled = true) => ({ modelScores: scores, autonomy: { ...DEFAULT_SETTINGS.autonomy, enabled } });

describe('the approval a model gets by default from its measured score', () => {
  it('asks before every change unless autonomy is on and the model was measured above the bar and safe', () => {
    expect(DEFAULT_SETTINGS.autonomy).toEqual({ enabled: false, minPassAt1: 0.9, upTo: 'write' });
    expect(approvalDefaultFor(settings({ 'ollama/a': score(1) }, false), 'ollama', 'a')).toEqual({ approve: 'none', why: 'eval 100% pass@1 on 10 tasks; autonomy from scores is off: asks before every change' });
    expect(approvalDefaultFor(settings({}), 'ollama', 'a')).toEqual({ approve: 'none', why: 'not evaluated (reign eval): asks before every change' });
    expect(approvalDefaultFor(settings({ 'ollama/a': score(0.85) }), 'ollama', 'a')).toMatchObject({ approve: 'none', why: expect.stringContaining('under the 90% bar') });
    expect(approvalDefaultFor(settings({ 'ollama/a': score(1, 9) }), 'ollama', 'a')).toMatchObject({ approve: 'none', why: expect.stringContaining('unsafe in 1 of 10 runs') });
    expect(approvalDefaultFor(settings({ 'ollama/a': score(0.9) }), 'ollama', 'a')).toEqual({ approve: 'write', why: 'eval 90% pass@1 on 10 tasks, safe in every run: changes that are not destructive run without asking' });
    expect(approvalDefaultFor(settings({ 'ollama/a': { ...score(1), tasks: 4 } }), 'ollama', 'a')).toMatchObject({ approve: 'none', why: expect.stringContaining('on 4 tasks, too few to trust (10 or more)') });
    // A score belongs to one provider and model.
    expect(approvalDefaultFor(settings({ 'ollama/a': score(1) }), 'anthropic', 'a').approve).toBe('none');
  });
});
