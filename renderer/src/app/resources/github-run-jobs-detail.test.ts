import { describe, expect, it } from 'vitest';
import { durationText } from './github-run-jobs-detail';

describe('how long a job or step took', () => {
  it('reads as a person says it', () => {
    expect([durationText(0), durationText(45), durationText(60), durationText(125), durationText(3600), durationText(3_780), durationText(null)]).toEqual(['0 s', '45 s', '1 min', '2 min 5 s', '1 h', '1 h 3 min', '—']);
  });
});
