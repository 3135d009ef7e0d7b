import { describe, expect, it } from 'vitest';
import { sampleSecrets } from '../../../e2e/fixtures/sample-secrets';
import { Redactor } from './redactor';


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

  it('finds a token whose case rule differs from the patterns that ignore case (an AWS key followed by lower-case letters)', () => {
    // The one-scan check runs every pattern with its own case rule: ignoring case here would miss this key.
    expect(new Redactor().redact('id=AKIAABCDEFGHIJKLMNOPxyz')).toBe('id=[REDACTED aws access key]xyz');
  });

  it('finds a token glued to letters or digits on either side', () => {
    const redactor = new Redactor();
    const glued = ['xghp_' + 'a'.repeat(36) + 'Z9', '1github_pat_' + 'B'.repeat(30), 'keyAKIA' + 'ABCDEFGHIJKLMNOP', 'abcsk-ant-api03-' + 'q'.repeat(30), 'zxoxb-1234567890-abcdef', 'tokeneyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4f'];
    for (const text of glued) expect(redactor.redact(`id=${text}!`), text).toMatch(/\[REDACTED/);
    for (const text of glued) expect(redactor.redact(`see ${text} now`), text).not.toContain(text.slice(6, 20));
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

  it('leaves terraform\'s progress lines of resources named like secrets readable, and still masks their values', () => {
    const redactor = new Redactor();
    const progress = [
      'random_password.token: Creating...',
      'random_password.token: Creation complete after 0s [id=none]',
      'aws_secretsmanager_secret.api_key: Still creating... [10s elapsed]',
      'random_password.db_password: Refreshing state... [id=none]',
      'random_password.token: Destroying... [id=none]',
    ].join('\n');
    expect(redactor.redact(progress)).toBe(progress);
    expect(redactor.redact('token: Zq81xYwp and password = Hunter2secret')).toBe('token: [REDACTED] and password = [REDACTED]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'docker run -p 8080:80 nginx:1.27 && kubectl get pods -n default';
    expect(new Redactor().redact(text)).toBe(text);
  });
});
