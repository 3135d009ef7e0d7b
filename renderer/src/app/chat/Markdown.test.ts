import { describe, expect, it } from 'vitest';
import { parseBlocks } from './Markdown';

describe('parseBlocks', () => {
  it('keeps code fences whole, groups list items, and joins paragraph lines', () => {
    expect(parseBlocks('# Plan\nFirst line\nsecond line\n\n- one\n- two\n```yaml\nservices:\n  web: {}\n```\n1. a')).toEqual([
      { kind: 'heading', level: 1, text: 'Plan' },
      { kind: 'para', text: 'First line\nsecond line' },
      { kind: 'list', ordered: false, items: ['one', 'two'] },
      { kind: 'code', lang: 'yaml', text: 'services:\n  web: {}' },
      { kind: 'list', ordered: true, items: ['a'] },
    ]);
  });

  it('an unclosed fence (still streaming) holds the rest as code', () => {
    expect(parseBlocks('```sh\ndocker ps')).toEqual([{ kind: 'code', lang: 'sh', text: 'docker ps' }]);
  });
});
