import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';

export const sampleSecrets = [
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'gho_abcdefghijklmnopqrstuvwxyz0123456789',
  'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV',
  'AKIAIOSFODNN7EXAMPLE',
  'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGH',
  'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----',
];

describe('Redactor', () => {
  it('removes every known token format, wherever it sits in the text', () => {
    const redactor = new Redactor();
    for (const secret of sampleSecrets) {
      const text = `before ${secret} after`;
      const redacted = redactor.redact(text);
      expect(redacted, secret).not.toContain(secret);
      expect(redacted).toMatch(/^before \[REDACTED[^\]]*\]/);
    }
  });

  it('removes password= and token= values and the password in URLs, keeping the rest readable', () => {
    const redactor = new Redactor();
    expect(redactor.redact('psql postgres://admin:hunter2secret@db:5432/app')).toBe('psql postgres://admin:[REDACTED]@db:5432/app');
    expect(redactor.redact('export PASSWORD=hunter2secret; API_KEY="abcd1234efgh"')).toBe('export PASSWORD=[REDACTED]; API_KEY="[REDACTED]"');
    expect(redactor.redact('token=ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('token=[REDACTED github token]');
  });

  it('removes values it was given (keychain entries) anywhere, including inside JSON values', () => {
    const redactor = new Redactor();
    redactor.addSecret('my-own-internal-secret-value');
    redactor.addSecret('abc'); // too short to redact safely: ignored
    expect(redactor.redactValue({ a: ['x my-own-internal-secret-value y'], b: { c: 'abc' } })).toEqual({ a: ['x [REDACTED secret] y'], b: { c: 'abc' } });
  });

  it('leaves ordinary text alone', () => {
    const text = 'docker run -p 8080:80 nginx:1.27 && kubectl get pods -n default';
    expect(new Redactor().redact(text)).toBe(text);
  });
});
