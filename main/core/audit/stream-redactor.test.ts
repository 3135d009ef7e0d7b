import { describe, expect, it } from 'vitest';
import { sampleSecrets } from '../../../e2e/fixtures/sample-secrets';
import { Redactor } from './redactor';
import { StreamRedactor } from './stream-redactor';

/** Streams `text` in pieces of `size` and returns what was shown. */
function streamed(text: string, size: number, redactor = new Redactor()): string {
  const stream = new StreamRedactor(redactor);
  let shown = '';
  for (let i = 0; i < text.length; i += size) shown += stream.push(text.slice(i, i + size));
  return shown + stream.flush();
}

describe('redacting a streamed answer', () => {
  it('masks a token split over pieces, at every split, and keeps the rest of the text', () => {
    const token = 'ghp_' + 'a1B2c3D4e5'.repeat(4);
    const text = `Here is what I found: the token is ${token} and the port is 8080.\n`;
    for (const size of [1, 2, 3, 5, 7, 11, 16, 40]) {
      const shown = streamed(text, size);
      expect(shown, `pieces of ${size}`).not.toContain(token.slice(8));
      expect(shown).toContain('[REDACTED github token]');
      expect(shown).toContain('and the port is 8080.');
    }
  });

  it('masks key=value split at the = and a private key split over many pieces, and every sample secret', () => {
    expect(streamed('config: password= hunter2hunter2 done', 3)).not.toContain('hunter2hunter2');
    const key = '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEow'.repeat(200) + '\n-----END RSA PRIVATE KEY-----';
    const shown = streamed(`before\n${key}\nafter`, 50);
    expect(shown).not.toContain('MIIEow');
    expect(shown).toMatch(/before\n\[REDACTED private key\]\nafter/);
    for (const secret of Object.values(sampleSecrets) as string[]) expect(streamed(`value: ${secret} end`, 4)).not.toContain(secret);
  });

  it('masks a keychain value split over pieces', () => {
    const redactor = new Redactor();
    redactor.addSecret('stored-value-9f8e7d6c5b');
    expect(streamed('the stored value is stored-value-9f8e7d6c5b, keep it safe', 3, redactor)).not.toContain('9f8e7d6c5b');
  });
});
