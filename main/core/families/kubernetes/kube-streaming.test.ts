import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeAccess } from './kube-access';
import { configOf, TextTail } from './kube-streaming';

describe('configOf', () => {
  // Guards the one place that reads client-node's internals: an upgrade that moves the KubeConfig fails here, not in a user's exec.
  it("hands back the KubeConfig of a context's clients, set to that context", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reign-kube-'));
    const path = join(dir, 'config');
    writeFileSync(
      path,
      `apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c1
  cluster: {server: "https://127.0.0.1:1"}
- name: c2
  cluster: {server: "https://127.0.0.1:2"}
users:
- name: u
  user: {token: t}
contexts:
- name: one
  context: {cluster: c1, user: u}
- name: two
  context: {cluster: c2, user: u}
`,
    );
    const access = kubeAccess({ KUBECONFIG: path, HOME: dir });
    const config = configOf(await access.clients('two'));
    expect(config.getCurrentContext()).toBe('two');
    expect(config.getCurrentCluster()?.server).toBe('https://127.0.0.1:2');
  });
});

describe('TextTail', () => {
  it('keeps the last characters it was given and says when it dropped some', () => {
    const tail = new TextTail(5);
    tail.add('abc');
    expect(tail.result()).toEqual({ text: 'abc', truncated: false });
    for (const chunk of ['defgh', 'ijklmnop', 'q']) tail.add(chunk);
    expect(tail.result()).toEqual({ text: 'mnopq', truncated: true });
  });
});
