import { describe, expect, it } from 'vitest';
import { chatOptions } from './launch-options';

describe('chatOptions', () => {
  it('reads --workspace and --transcript and ignores everything else', () => {
    expect(chatOptions(['.', '--workspace', '/srv/app', '--transcript=/tmp/t.jsonl', '--no-sandbox', '--inspect=9229'])).toEqual({ workspace: '/srv/app', transcript: '/tmp/t.jsonl' });
    expect(chatOptions(['.'])).toEqual({});
  });
});
