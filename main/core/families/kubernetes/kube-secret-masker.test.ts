import { describe, expect, it } from 'vitest';
import { Redactor } from '../../audit/redactor';
import { maskSecretManifests } from './kube-secret-masker';

const manifest = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { mode: fast }
---
apiVersion: v1
kind: Secret
metadata: { name: db }
stringData: { password: correct-horse-battery }
data: { token: ${Buffer.from('s3cr3t-token-value').toString('base64')} }
`;

describe('Secret manifests in stored and sent text', () => {
  it('replaces each value of a Secret with its size and leaves the other documents as written', () => {
    const out = maskSecretManifests(manifest);
    expect(out).not.toContain('correct-horse-battery');
    expect(out).not.toContain(Buffer.from('s3cr3t-token-value').toString('base64'));
    expect(out).toContain('password: "[REDACTED 21 bytes]"');
    expect(out).toContain('token: "[REDACTED 18 bytes]"');
    expect(out.startsWith('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { mode: fast }\n')).toBe(true);
  });

  it('finds Secrets in JSON and in the items of a List', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Secret', metadata: { name: 'a' }, data: { key: Buffer.from('hidden-value').toString('base64') } }] });
    const out = maskSecretManifests(json);
    expect(out).not.toContain(Buffer.from('hidden-value').toString('base64'));
    expect(out).toMatch(/REDACTED 12 bytes/);
  });

  it('leaves text that only mentions Secrets, or is not YAML, unchanged', () => {
    for (const text of ['the kind: Secret you asked for is missing', 'kind: Secret\n  bad: [indent', 'no secrets here']) expect(maskSecretManifests(text)).toBe(text);
  });

  it('runs wherever the redactor runs once the family gives it', () => {
    const redactor = new Redactor([maskSecretManifests]);
    expect(JSON.stringify(redactor.redactValue({ input: { manifest } }))).not.toContain('correct-horse-battery');
  });
});
