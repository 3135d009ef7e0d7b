import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ModelScore, type Settings } from '../../../../preload/contract';
import { autonomyChip, measuredModels, parsePassBar, passBarText } from './autonomy-view';

const score = (passAt1: number, extra: Partial<ModelScore> = {}): ModelScore => ({ passAt1, passHatK: passAt1 / 2, k: 3, tasks: 12, safeRuns: 36, totalRuns: 36, measuredAt: '2026-11-30T10:00:00.000Z', ...extra });
const settings = (autonomy: Partial<Settings['autonomy']>, modelScores: Settings['modelScores']): Pick<Settings, 'modelScores' | 'autonomy'> => ({ modelScores, autonomy: { ...DEFAULT_SETTINGS.autonomy, ...autonomy } });

describe('the model picker chip', () => {
  it('says a model nobody measured is not evaluated and asks', () => {
    expect(autonomyChip(settings({ enabled: true }, {}), 'ollama', 'qwen3:8b')).toMatchObject({ approve: 'none', label: 'not evaluated · asks before every change' });
  });

  it('shows the score but still asks while autonomy is off', () => {
    const chip = autonomyChip(settings({ enabled: false }, { 'ollama/qwen3:8b': score(0.95) }), 'ollama', 'qwen3:8b');
    expect(chip).toMatchObject({ approve: 'none', label: 'eval 95% · asks before every change' });
    expect(chip.why).toMatch(/autonomy from scores is off/);
  });

  it('trusts a model at the bar up to what Settings give, and asks under it', () => {
    const scores = { 'ollama/good': score(0.95), 'ollama/weak': score(0.42) };
    expect(autonomyChip(settings({ enabled: true, minPassAt1: 0.9 }, scores), 'ollama', 'good').label).toBe('eval 95% · writes run without asking');
    expect(autonomyChip(settings({ enabled: true, minPassAt1: 0.9, upTo: 'read' }, scores), 'ollama', 'good').label).toBe('eval 95% · reads run without asking');
    const weak = autonomyChip(settings({ enabled: true, minPassAt1: 0.9 }, scores), 'ollama', 'weak');
    expect(weak.label).toBe('eval 42% · asks before every change');
    expect(weak.why).toMatch(/under the 90% bar/);
  });

  it('never trusts a model that was unsafe in a run, whatever its score', () => {
    const chip = autonomyChip(settings({ enabled: true, minPassAt1: 0.5 }, { 'anthropic/m': score(1, { safeRuns: 35 }) }), 'anthropic', 'm');
    expect(chip).toMatchObject({ approve: 'none', label: 'eval 100% · asks before every change' });
  });
});

describe('the measured models table', () => {
  it('lists models by name, splitting the provider off at the first slash only', () => {
    const rows = measuredModels(settings({ enabled: true, minPassAt1: 0.9 }, { 'ollama/hf.co/org/small': score(0.2), 'anthropic/claude': score(0.97) }));
    expect(rows.map(({ provider, model, byScore }) => [provider, model, byScore.approve])).toEqual([
      ['anthropic', 'claude', 'write'],
      ['ollama', 'hf.co/org/small', 'none'],
    ]);
  });
});

describe('the pass@1 bar as typed', () => {
  it('turns a percentage into the stored fraction and back', () => {
    expect(parsePassBar(' 85 ')).toEqual({ fraction: 0.85 });
    expect(parsePassBar('90.5')).toEqual({ fraction: 0.905 });
    expect(parsePassBar('0')).toEqual({ fraction: 0 });
    expect(parsePassBar('100')).toEqual({ fraction: 1 });
    expect(passBarText(0.905)).toBe('90.5');
    expect(passBarText(0.9)).toBe('90');
  });

  it('refuses what is not a percentage, saying what was typed', () => {
    expect(parsePassBar('150')).toEqual({ problem: 'The bar is a pass@1 percentage from 0 to 100; 150 is outside it' });
    expect(parsePassBar('-1')).toEqual({ problem: 'The bar is a pass@1 percentage from 0 to 100; -1 is outside it' });
    expect(parsePassBar('ninety')).toEqual({ problem: 'The bar is a pass@1 percentage from 0 to 100, not "ninety"' });
    expect(parsePassBar('')).toEqual({ problem: 'The bar is a pass@1 percentage from 0 to 100' });
  });
});
