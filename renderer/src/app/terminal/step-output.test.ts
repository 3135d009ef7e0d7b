import { describe, expect, it } from 'vitest';
import { planStepOutputWrite, type WrittenChunks } from './step-output';

describe('planStepOutputWrite', () => {
  it('writes only the chunks that were not written yet', () => {
    let written: WrittenChunks = { count: 0, last: undefined };
    const first = planStepOutputWrite(written, ['a', 'b']);
    expect(first).toMatchObject({ reset: false, data: 'ab' });
    written = first.written;
    const second = planStepOutputWrite(written, ['a', 'b', 'c']);
    expect(second).toMatchObject({ reset: false, data: 'c' });
    expect(planStepOutputWrite(second.written, ['a', 'b', 'c'])).toMatchObject({ reset: false, data: '' });
  });

  it('starts over when the list no longer extends what was written', () => {
    const written = planStepOutputWrite({ count: 0, last: undefined }, ['a', 'b']).written;
    expect(planStepOutputWrite(written, ['x'])).toMatchObject({ reset: true, data: 'x' });
    expect(planStepOutputWrite(written, ['a', 'z', 'c'])).toMatchObject({ reset: true, data: 'azc' });
    expect(planStepOutputWrite(written, [])).toMatchObject({ reset: true, data: '' });
  });
});
