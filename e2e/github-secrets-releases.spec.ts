import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { githubEnvironmentList } from '../main/core/families/github/github-environment-tools';
import { githubReleaseCreate, githubReleaseDelete, githubReleaseEdit, githubReleaseList, githubReleaseUploadAsset } from '../main/core/families/github/github-release-tools';
import { githubSecretDelete, githubSecretList, githubSecretSet } from '../main/core/families/github/github-secret-tools';
import { githubVariableDelete, githubVariableList, githubVariableSet } from '../main/core/families/github/github-variable-tools';
import type { AccessWhere } from '../main/core/tools/access';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';

// The GitHub family's secret, variable, environment and release tools against the GitHub mock
// (Prism serving GitHub's own OpenAPI description, which checks every request against GitHub's
// contract and answers with the description's examples). Every request passes through a loopback
// front in this test, which forwards it to the mock — so each one is checked — and records it
// with its body. Where a test needs an answer the examples cannot give, the front gives it after
// the mock has checked the request: a public key whose private half the test holds (so the test
// opens the sealed box GitHub would), a 404 for something that does not exist yet, GitHub's 204
// for a secret that was replaced. (Writes are a second apart: the throttling plugin spaces them
// as GitHub asks, to stay clear of its secondary rate limits.)

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const token = `ghp_${'M0ck'.repeat(9)}`;

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** What the mock answered, before the front changed any answer. */
  readonly mockStatus: number;
  readonly violations: PrismViolation[];
}

type Answer = { status: number; body?: unknown } | null;

/** Where the description has no 4xx answer for an endpoint, Prism names the violations in a problem+json body instead of the header. */
function problemViolations(contentType: string | undefined, data: Buffer): PrismViolation[] {
  if (!contentType?.includes('problem+json')) return [];
  const body = JSON.parse(data.toString('utf8')) as { validation?: PrismViolation[] };
  return (body.validation ?? []).map((violation) => ({ ...violation, location: ['request', ...violation.location] }));
}

async function githubFront(answer: (method: string, path: string) => Answer = () => null) {
  const target = new URL(url!);
  const seen: Seen[] = [];
  const server = createServer((incoming, reply) => {
    const sent: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => sent.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(sent);
      const method = incoming.method!;
      const path = incoming.url!;
      const outgoing = forward({ host: target.hostname, port: target.port, method, path, headers: { ...incoming.headers, host: target.host } }, (mock) => {
        const received: Buffer[] = [];
        mock.on('data', (chunk: Buffer) => received.push(chunk));
        mock.on('end', () => {
          let data = Buffer.concat(received);
          const mockType = mock.headers['content-type'];
          seen.push({ method, path, contentType: incoming.headers['content-type'], body, mockStatus: mock.statusCode ?? 0, violations: [...requestViolations(mock.headers), ...problemViolations(mockType, data)] });
          const changed = answer(method, path.replace(/\?.*$/, ''));
          let status = mock.statusCode ?? 502;
          let headers: Record<string, string | string[] | number | undefined> = { ...mock.headers };
          if (changed) {
            status = changed.status;
            data = changed.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(changed.body));
            headers = changed.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' };
          }
          delete headers['transfer-encoding'];
          headers['content-length'] = data.length;
          reply.writeHead(status, headers);
          reply.end(data);
        });
      });
      outgoing.end(body);
    });
  });
  const front = await listenOnLoopback(server);
  fronts.push(front);
  return { url: front.url, seen };
}

let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((front) => front.close()));
  fronts = [];
});

/** Every request met GitHub's contract and the mock took it (2xx); `METHOD path` of each, in order. */
function requests(seen: readonly Seen[]): string[] {
  for (const request of seen) {
    expect(request.violations, `${request.method} ${request.path} met GitHub's contract`).toEqual([]);
    expect(request.mockStatus, `${request.method} ${request.path}`).toBeLessThan(300);
  }
  return seen.map((request) => `${request.method} ${request.path}`);
}

const bodyOf = (seen: readonly Seen[], method: string, path: string): Record<string, unknown> => {
  const request = seen.find((entry) => entry.method === method && entry.path === path);
  expect(request, `${method} ${path} was sent`).toBeDefined();
  return JSON.parse(request!.body.toString('utf8')) as Record<string, unknown>;
};

function context(frontUrl: string, env: NodeJS.ProcessEnv = {}, secret: AccessWhere['secret'] = () => null, workspace = '/tmp'): ToolContext {
  return toolContext(workspace, { GITHUB_API_URL: frontUrl, GITHUB_TOKEN: token, ...env }, {} as never, secret);
}

/** A step as the plan engine takes it: inspected, classified, previewed, snapshotted, run; and its undo. */
async function step<I, O, S, F>(tool: ToolDefinition<I, O, S, F>, ctx: ToolContext, raw: Record<string, unknown>) {
  const input = tool.input.parse(raw);
  const signal = new AbortController().signal;
  const facts = tool.inspect ? await tool.inspect({ input, ctx, signal }) : undefined;
  const classification = { risk: tool.risk({ input, ctx, facts }), target: tool.target({ input, ctx, facts }), contentHash: tool.contentHash?.(facts) ?? null };
  const preview = await tool.preview({ input, ctx });
  const snapshot = tool.snapshot ? await tool.snapshot({ input, ctx }) : undefined;
  const logs: string[] = [];
  const result = await tool.run({ input, ctx, signal, log: (stream, text) => logs.push(`${stream}: ${text}`), progress: (message) => logs.push(`progress: ${message}`) });
  const undo = () => tool.undo!({ input, output: result.ok ? result.output : null, snapshot: snapshot as S, ctx, signal });
  return { input, facts, classification, preview, snapshot, result, logs, undo };
}

const read = <I, O>(tool: ToolDefinition<I, O>, ctx: ToolContext, raw: Record<string, unknown>) => tool.run({ input: tool.input.parse(raw), ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });

beforeAll(() => sodium.ready);
const b64 = (bytes: Uint8Array): string => sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);

/** A key pair standing in for GitHub's: the front hands out the public half, the test opens boxes with the private one. */
function githubKeyPair() {
  const pair = sodium.crypto_box_keypair();
  const keyId = '568250167242549743';
  return {
    keyId,
    answer: (method: string, path: string): Answer => (method === 'GET' && path.endsWith('/secrets/public-key') ? { status: 200, body: { key_id: keyId, key: b64(pair.publicKey) } } : null),
    open: (sealed: unknown) => sodium.crypto_box_seal_open(sodium.from_base64(String(sealed), sodium.base64_variants.ORIGINAL), pair.publicKey, pair.privateKey, 'text'),
  };
}

/** The plaintext, and its base64, appear in nothing the steps gave back or sent, other than sealed. */
function expectNowhere(plaintext: string, things: readonly unknown[], seen: readonly Seen[]) {
  const encoded = Buffer.from(plaintext).toString('base64');
  for (const thing of things) {
    const text = JSON.stringify(thing) ?? '';
    expect(text).not.toContain(plaintext);
    expect(text).not.toContain(encoded);
  }
  for (const request of seen) {
    const text = `${request.method} ${request.path} ${request.body.toString('utf8')}`;
    expect(text, `${request.method} ${request.path}`).not.toContain(plaintext);
    expect(text).not.toContain(encoded);
  }
}

describe('GitHub secrets: the value sealed for GitHub and nowhere else', () => {
  it('github.secret.set seals the value with the repository’s public key: the test opens the box, and the value is in no result, preview, classification or log', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const plaintext = `reign-e2e-${randomUUID()}`;
    const github = githubKeyPair();
    const front = await githubFront(github.answer);
    const ctx = context(front.url, { REGISTRY_TOKEN: plaintext });
    const set = await step(githubSecretSet, ctx, { repo: 'octocat/Hello-World', name: 'REGISTRY_TOKEN', value: { from: 'env', variable: 'REGISTRY_TOKEN' } });

    // The mock's repository has GH_TOKEN and GIST_ID: this one is new.
    expect(set.facts).toEqual({ existing: null });
    expect(set.classification.risk).toEqual({ risk: 'write', reasons: ['creates the secret REGISTRY_TOKEN in octocat/Hello-World'] });
    expect(set.classification.target).toEqual({ kind: 'github', id: 'github:octocat/hello-world', label: 'octocat/Hello-World' });
    expect(set.preview).toEqual({
      kind: 'text',
      text: [
        `Set the secret REGISTRY_TOKEN of octocat/Hello-World on ${new URL(front.url).host}`,
        'Value: from the environment variable REGISTRY_TOKEN, read when the step runs. Reign never shows, logs or keeps it.',
        'Creates it: octocat/Hello-World has no secret REGISTRY_TOKEN. Undo deletes it.',
        'Encrypted on this machine for GitHub (libsodium sealed box) with the public key of octocat/Hello-World: GET /repos/octocat/Hello-World/actions/secrets/public-key, then PUT /repos/octocat/Hello-World/actions/secrets/REGISTRY_TOKEN',
      ].join('\n'),
    });
    expect(set.result).toEqual({ ok: true, output: { name: 'REGISTRY_TOKEN', scope: 'octocat/Hello-World', created: true } });
    expect(set.logs).toEqual(['info: created the secret REGISTRY_TOKEN of octocat/Hello-World (value from the environment variable REGISTRY_TOKEN)\n']);

    // What GitHub receives: the key id it handed out, and a box only its private key opens.
    const put = bodyOf(front.seen, 'PUT', '/repos/octocat/Hello-World/actions/secrets/REGISTRY_TOKEN');
    expect(Object.keys(put).sort()).toEqual(['encrypted_value', 'key_id']);
    expect(put.key_id).toBe(github.keyId);
    expect(github.open(put.encrypted_value)).toBe(plaintext);

    // It created the secret, so undo deletes it.
    const undone = await set.undo();
    expect(undone).toEqual({ ok: true, output: { name: 'REGISTRY_TOKEN', scope: 'octocat/Hello-World', deleted: true } });
    expect(requests(front.seen)).toEqual([
      'GET /repos/octocat/Hello-World/actions/secrets?per_page=100',
      'GET /repos/octocat/Hello-World/actions/secrets?per_page=100',
      'GET /repos/octocat/Hello-World/actions/secrets/public-key',
      'PUT /repos/octocat/Hello-World/actions/secrets/REGISTRY_TOKEN',
      'DELETE /repos/octocat/Hello-World/actions/secrets/REGISTRY_TOKEN',
    ]);
    expectNowhere(plaintext, [set.input, set.facts, set.classification, set.preview, set.snapshot, set.result, set.logs, undone, githubSecretSet.describeChange(set.input)], front.seen.filter((request) => request.method !== 'PUT'));
    // The PUT holds the box, never the value.
    expectNowhere(plaintext, [], front.seen);
  });

  it('replacing an existing secret is destructive, since its old value cannot be restored, and its undo says so', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const plaintext = `reign-e2e-${randomUUID()}`;
    const github = githubKeyPair();
    // GitHub answers 204 when a PUT replaced an existing secret's value.
    const front = await githubFront((method, path) => github.answer(method, path) ?? (method === 'PUT' && /\/secrets\/GH_TOKEN$/i.test(path) ? { status: 204 } : null));
    const set = await step(githubSecretSet, context(front.url, { NEW_BOT_TOKEN: plaintext }), { repo: 'octocat/Hello-World', name: 'gh_token', value: { from: 'env', variable: 'NEW_BOT_TOKEN' } });

    expect(set.facts).toEqual({ existing: { name: 'GH_TOKEN', createdAt: '2019-08-10T14:59:22Z', updatedAt: '2020-01-10T14:59:22Z', visibility: null } });
    expect(set.classification.risk).toEqual({ risk: 'destructive', reasons: ['replaces the secret gh_token of octocat/Hello-World (last updated 2020-01-10T14:59:22Z): its old value cannot be restored'] });
    expect(set.preview).toMatchObject({ kind: 'text', text: expect.stringContaining('Replaces the existing GH_TOKEN, last updated 2020-01-10T14:59:22Z: its old value cannot be restored (GitHub never returns it), so this cannot be undone.') });
    expect(set.result).toEqual({ ok: true, output: { name: 'gh_token', scope: 'octocat/Hello-World', created: false } });
    expect(github.open(bodyOf(front.seen, 'PUT', '/repos/octocat/Hello-World/actions/secrets/gh_token').encrypted_value)).toBe(plaintext);
    const undone = await set.undo();
    expect(undone).toEqual({ ok: false, error: { code: 'SECRET_NOT_RESTORABLE', message: expect.stringMatching(/replaced an earlier value, which cannot be restored: GitHub never returns a secret's value/) } });
    expect(requests(front.seen)).toHaveLength(4);
    expectNowhere(plaintext, [set.facts, set.classification, set.preview, set.result, set.logs, undone], front.seen);
  });

  it('an environment secret from the declared keychain entry, and an organisation secret keeping its visibility and repositories', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const stored = `ghp_${randomUUID().replaceAll('-', '')}`;
    const plaintext = `reign-e2e-${randomUUID()}`;
    const github = githubKeyPair();
    const front = await githubFront(github.answer);
    const ctx = context(front.url, { NPM_TOKEN: plaintext }, (name) => (name === 'github-token' ? stored : null));

    const environment = await step(githubSecretSet, ctx, { repo: 'octocat/Hello-World', environment: 'production', name: 'RELEASE_BOT_TOKEN', value: { from: 'keychain', name: 'github-token' } });
    // Copying the token Reign signs in with into a repository is rated as what it is.
    expect(environment.classification.risk).toEqual({
      risk: 'destructive',
      reasons: ['copies the GitHub token Reign uses into the secret RELEASE_BOT_TOKEN of the environment production of octocat/Hello-World: workflows there, and whoever can change them, can use it'],
    });
    expect(environment.preview).toMatchObject({ text: expect.stringContaining('Value: from the keychain entry github-token, read when the step runs. Reign never shows, logs or keeps it.') });
    expect(environment.result).toMatchObject({ ok: true, output: { scope: 'the environment production of octocat/Hello-World', created: true } });
    expect(github.open(bodyOf(front.seen, 'PUT', '/repos/octocat/Hello-World/environments/production/secrets/RELEASE_BOT_TOKEN').encrypted_value)).toBe(stored);

    const org = await step(githubSecretSet, ctx, { org: 'octo-org', name: 'NPM_TOKEN', value: { from: 'env', variable: 'NPM_TOKEN' } });
    expect(org.classification.target).toEqual({ kind: 'github', id: 'github:octo-org/*', label: 'octo-org (organisation)' });
    // The mock's organisation has no NPM_TOKEN in its list, but answers every GET with a secret
    // visible to selected repositories: the PUT keeps that visibility and those repositories.
    const put = bodyOf(front.seen, 'PUT', '/orgs/octo-org/actions/secrets/NPM_TOKEN');
    expect({ ...put, encrypted_value: undefined }).toEqual({ key_id: github.keyId, visibility: 'selected', selected_repository_ids: [1296269], encrypted_value: undefined });
    expect(github.open(put.encrypted_value)).toBe(plaintext);

    expect(requests(front.seen)).toEqual([
      'GET /repos/octocat/Hello-World/environments/production/secrets?per_page=100',
      'GET /repos/octocat/Hello-World/environments/production/secrets?per_page=100',
      'GET /repos/octocat/Hello-World/environments/production/secrets/public-key',
      'PUT /repos/octocat/Hello-World/environments/production/secrets/RELEASE_BOT_TOKEN',
      'GET /orgs/octo-org/actions/secrets?per_page=100',
      'GET /orgs/octo-org/actions/secrets?per_page=100',
      'GET /orgs/octo-org/actions/secrets/public-key',
      'GET /orgs/octo-org/actions/secrets/NPM_TOKEN',
      'GET /orgs/octo-org/actions/secrets/NPM_TOKEN/repositories?per_page=100',
      'PUT /orgs/octo-org/actions/secrets/NPM_TOKEN',
    ]);
    for (const value of [stored, plaintext]) expectNowhere(value, [environment.facts, environment.classification, environment.preview, environment.result, environment.logs, org.facts, org.classification, org.preview, org.result, org.logs], front.seen);
  });

  it('a key that is not a box key, or a value that is not there, fails before anything is sent, saying what to do', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const plaintext = `reign-e2e-${randomUUID()}`;
    // The description's own example key is 33 bytes: no real GitHub key.
    const front = await githubFront();
    const ctx = context(front.url, { REGISTRY_TOKEN: plaintext });
    const input = githubSecretSet.input.parse({ repo: 'octocat/Hello-World', name: 'REGISTRY_TOKEN', value: { from: 'env', variable: 'REGISTRY_TOKEN' } });
    const run = (raw: typeof input) => githubSecretSet.run({ input: raw, ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });
    const badKey = await run(input);
    expect(badKey).toEqual({ ok: false, error: { code: 'GITHUB_PUBLIC_KEY_INVALID', message: expect.stringMatching(/^Setting the secret REGISTRY_TOKEN of octocat\/Hello-World: GitHub's public key for secrets is 33 bytes, not the 32 of a libsodium box key: nothing was sent/) } });
    expect(requests(front.seen)).toEqual(['GET /repos/octocat/Hello-World/actions/secrets/public-key']);

    const missing = await run({ ...input, value: { from: 'env', variable: 'NOT_SET_ANYWHERE' } });
    expect(missing).toEqual({ ok: false, error: { code: 'SECRET_VALUE_UNAVAILABLE', permanent: true, message: "Setting the secret REGISTRY_TOKEN of octocat/Hello-World: the environment variable NOT_SET_ANYWHERE is not set in Reign's environment: start Reign with it set, or take the value from the keychain." } });
    expect(await githubSecretSet.preview({ input: { ...input, value: { from: 'env', variable: 'NOT_SET_ANYWHERE' } }, ctx })).toMatchObject({ text: expect.stringContaining('(it is not set now: the step would fail)') });
    expect(front.seen.filter((request) => request.method !== 'GET')).toEqual([]);
    // A value typed into the input, or an entry the family did not declare, is refused as input.
    expect(githubSecretSet.input.safeParse({ repo: 'octocat/Hello-World', name: 'X', value: plaintext }).success).toBe(false);
    expect(githubSecretSet.input.safeParse({ repo: 'octocat/Hello-World', name: 'X', value: { from: 'keychain', name: 'anthropic-api-key' } }).success).toBe(false);
    expectNowhere(plaintext, [badKey, missing], front.seen);
  });

  it('an answer that repeats the value (a proxy echoing what it was sent) reaches the step’s error masked', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const plaintext = `reign-e2e-${randomUUID()}`;
    const github = githubKeyPair();
    const front = await githubFront((method, path) => github.answer(method, path) ?? (method === 'PUT' ? { status: 422, body: { message: `Validation Failed for ${plaintext}`, documentation_url: 'https://docs.github.com/rest' } } : null));
    const set = await step(githubSecretSet, context(front.url, { REGISTRY_TOKEN: plaintext }), { repo: 'octocat/Hello-World', name: 'REGISTRY_TOKEN', value: { from: 'env', variable: 'REGISTRY_TOKEN' } });
    expect(set.result).toEqual({ ok: false, error: { code: 'GITHUB_INVALID', permanent: true, message: 'Setting the secret REGISTRY_TOKEN of octocat/Hello-World: GitHub refused the request: Validation Failed for [REDACTED secret value]' } });
    expect(requests(front.seen)).toHaveLength(4);
    expectNowhere(plaintext, [set.result, set.logs], []);
  });

  it('github.secret.list gives names and dates only; github.secret.delete is destructive and has no undo', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const ctx = context(front.url);
    expect(await read(githubSecretList, ctx, { org: 'octo-org' })).toEqual({
      ok: true,
      output: {
        secrets: [
          { name: 'GIST_ID', createdAt: '2019-08-10T14:59:22Z', updatedAt: '2020-01-10T14:59:22Z', visibility: 'private' },
          { name: 'DEPLOY_TOKEN', createdAt: '2019-08-10T14:59:22Z', updatedAt: '2020-01-10T14:59:22Z', visibility: 'all' },
          { name: 'GH_TOKEN', createdAt: '2019-08-10T14:59:22Z', updatedAt: '2020-01-10T14:59:22Z', visibility: 'selected' },
        ],
        count: 3,
        more: false,
      },
    });
    const removed = await step(githubSecretDelete, ctx, { repo: 'octocat/Hello-World', environment: 'staging', name: 'GIST_ID' });
    expect(removed.classification.risk).toEqual({ risk: 'destructive', reasons: ['deletes the secret GIST_ID of the environment staging of octocat/Hello-World: no undo, its value cannot be restored'] });
    expect(githubSecretDelete.undo).toBeUndefined();
    expect(removed.preview).toMatchObject({ text: expect.stringContaining("No undo: GitHub never returns a secret's value, so it cannot be recreated.") });
    expect(removed.result).toEqual({ ok: true, output: { name: 'GIST_ID', scope: 'the environment staging of octocat/Hello-World', deleted: true } });
    expect(requests(front.seen)).toEqual(['GET /orgs/octo-org/actions/secrets?per_page=100', 'DELETE /repos/octocat/Hello-World/environments/staging/secrets/GIST_ID']);
  });
});

describe('GitHub variables and environments', () => {
  it('github.variable.set updates a variable and undo puts the old value back', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    // The mock answers every variable GET with USERNAME = octocat.
    const set = await step(githubVariableSet, context(front.url), { repo: 'octocat/Hello-World', name: 'USERNAME', value: 'monalisa' });
    expect(set.classification.risk).toEqual({ risk: 'write', reasons: ['sets the variable USERNAME of octocat/Hello-World (undo restores its old value)'] });
    expect(set.preview).toEqual({ kind: 'file', path: 'variable USERNAME of octocat/Hello-World', before: 'octocat\n', after: 'monalisa\n' });
    expect(set.snapshot).toEqual({ previous: { name: 'USERNAME', value: 'octocat', visibility: null, selectedRepositoryIds: null } });
    expect(set.result).toEqual({ ok: true, output: { name: 'USERNAME', scope: 'octocat/Hello-World', created: false } });
    expect(await set.undo()).toEqual({ ok: true, output: { restored: 'USERNAME' } });
    expect(requests(front.seen)).toEqual(['GET /repos/octocat/Hello-World/actions/variables/USERNAME', 'GET /repos/octocat/Hello-World/actions/variables/USERNAME', 'PATCH /repos/octocat/Hello-World/actions/variables/USERNAME', 'PATCH /repos/octocat/Hello-World/actions/variables/USERNAME']);
    const [, , change, restore] = front.seen;
    expect(JSON.parse(change!.body.toString())).toEqual({ value: 'monalisa' });
    expect(JSON.parse(restore!.body.toString())).toEqual({ value: 'octocat' });
  });

  it('github.variable.set creates a variable that is not there, and undo deletes it', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const missing = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/variables', status: '404' } };
    const front = await githubFront((method, path) => (path.endsWith('/variables/NODE_VERSION') && method !== 'DELETE' ? missing : null));
    const set = await step(githubVariableSet, context(front.url), { repo: 'octocat/Hello-World', environment: 'staging', name: 'NODE_VERSION', value: '22' });
    expect(set.preview).toEqual({ kind: 'file', path: 'variable NODE_VERSION of the environment staging of octocat/Hello-World (new)', before: null, after: '22\n' });
    expect(set.snapshot).toEqual({ previous: null });
    expect(set.result).toEqual({ ok: true, output: { name: 'NODE_VERSION', scope: 'the environment staging of octocat/Hello-World', created: true } });
    expect(bodyOf(front.seen, 'POST', '/repos/octocat/Hello-World/environments/staging/variables')).toEqual({ name: 'NODE_VERSION', value: '22' });
    expect(await set.undo()).toMatchObject({ ok: true, output: { deleted: true } });
    expect(requests(front.seen).slice(2)).toEqual(['PATCH /repos/octocat/Hello-World/environments/staging/variables/NODE_VERSION', 'POST /repos/octocat/Hello-World/environments/staging/variables', 'DELETE /repos/octocat/Hello-World/environments/staging/variables/NODE_VERSION']);
  });

  it('github.variable.delete is destructive, and undo recreates the variable with its value and organisation visibility', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const removed = await step(githubVariableDelete, context(front.url), { org: 'octo-org', name: 'USERNAME' });
    expect(removed.classification.risk).toMatchObject({ risk: 'destructive' });
    expect(removed.preview).toEqual({ kind: 'file', path: 'variable USERNAME of the organisation octo-org (deleted; undo recreates it)', before: 'octocat\n\n(visibility: selected, repositories 1296269)\n', after: null });
    expect(removed.result).toEqual({ ok: true, output: { name: 'USERNAME', scope: 'the organisation octo-org', deleted: true } });
    expect(await removed.undo()).toEqual({ ok: true, output: { recreated: 'USERNAME' } });
    expect(bodyOf(front.seen, 'POST', '/orgs/octo-org/actions/variables')).toEqual({ name: 'USERNAME', value: 'octocat', visibility: 'selected', selected_repository_ids: [1296269] });
    expect(requests(front.seen)).toContain('DELETE /orgs/octo-org/actions/variables/USERNAME');
  });

  it('github.variable.list shows values; github.environment.list shows reviewers, wait timer and branch patterns', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const ctx = context(front.url);
    expect(await read(githubVariableList, ctx, { repo: 'octocat/Hello-World' })).toEqual({
      ok: true,
      output: {
        variables: [
          { name: 'USERNAME', value: 'octocat', updatedAt: '2020-01-10T14:59:22Z', visibility: null },
          { name: 'EMAIL', value: 'octocat@github.com', updatedAt: '2020-01-11T11:59:22Z', visibility: null },
        ],
        count: 2,
        more: false,
      },
    });
    expect(await read(githubEnvironmentList, ctx, { repo: 'octocat/Hello-World' })).toEqual({
      ok: true,
      output: {
        environments: [
          {
            name: 'staging',
            reviewers: ['user octocat', 'team justice-league'],
            preventSelfReview: false,
            waitTimerMinutes: 30,
            branches: 'custom',
            branchPatterns: ['release/*', 'main'],
            otherRules: [],
            updatedAt: '2020-11-23T22:00:40Z',
            htmlUrl: 'https://github.com/github/hello-world/deployments/activity_log?environments_filter=staging',
          },
        ],
        count: 1,
        more: false,
      },
    });
    expect(requests(front.seen)).toEqual(['GET /repos/octocat/Hello-World/actions/variables?per_page=30', 'GET /repos/octocat/Hello-World/environments?per_page=100', 'GET /repos/octocat/Hello-World/environments/staging/deployment-branch-policies?per_page=100']);
  });
});

describe('GitHub releases', () => {
  it('github.release.create with generated notes makes its tag, and undo deletes the release and that tag', async (context_) => {
    requireInfrastructure(context_, problem, need);
    // v2.0.0 does not exist yet: the mock would answer with its example ref.
    const front = await githubFront((method, path) => (method === 'GET' && path.endsWith('/git/ref/tags%2Fv2.0.0') ? { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/refs', status: '404' } } : null));
    const created = await step(githubReleaseCreate, context(front.url), { repo: 'octocat/Hello-World', tag: 'v2.0.0', target: 'main', notes: 'Highlights: faster sync.', generateNotes: true, previousTag: 'v1.0.0' });
    expect(created.classification.risk).toEqual({ risk: 'write', reasons: ['publishes the release v2.0.0 of octocat/Hello-World: workflows that run on a release or a new tag start'] });
    // The notes GitHub generates are in the preview, as they will be sent.
    expect(created.preview).toEqual({
      kind: 'text',
      text: [
        `Create the release v2.0.0 of octocat/Hello-World, published on ${new URL(front.url).host}`,
        'Tag: v2.0.0 is created at main; undo deletes it.',
        'Name: Release v1.0.0 is now available!',
        "Notes (with GitHub's generated notes since v1.0.0):",
        'Highlights: faster sync.\n\n##Changes in Release v1.0.0 ... ##Contributors @monalisa',
        '',
        'Undo deletes the release (and the tag, if this step made it).',
      ].join('\n'),
    });
    expect(created.snapshot).toEqual({ tagExisted: false });
    expect(created.result).toMatchObject({ ok: true, output: { id: 1, tag: 'v1.0.0', htmlUrl: 'https://github.com/octocat/Hello-World/releases/v1.0.0' } });
    expect(bodyOf(front.seen, 'POST', '/repos/octocat/Hello-World/releases/generate-notes')).toEqual({ tag_name: 'v2.0.0', target_commitish: 'main', previous_tag_name: 'v1.0.0' });
    expect(bodyOf(front.seen, 'POST', '/repos/octocat/Hello-World/releases')).toEqual({ tag_name: 'v2.0.0', target_commitish: 'main', name: 'Release v1.0.0 is now available!', body: 'Highlights: faster sync.\n\n##Changes in Release v1.0.0 ... ##Contributors @monalisa', draft: false, prerelease: false });
    expect(await created.undo()).toEqual({ ok: true, output: { deletedRelease: 1, deletedTag: 'v2.0.0' } });
    expect(requests(front.seen)).toEqual([
      'GET /repos/octocat/Hello-World/git/ref/tags%2Fv2.0.0',
      'POST /repos/octocat/Hello-World/releases/generate-notes',
      'GET /repos/octocat/Hello-World/git/ref/tags%2Fv2.0.0',
      'POST /repos/octocat/Hello-World/releases/generate-notes',
      'POST /repos/octocat/Hello-World/releases',
      'DELETE /repos/octocat/Hello-World/releases/1',
      'DELETE /repos/octocat/Hello-World/git/refs/tags%2Fv2.0.0',
    ]);
  });

  it('a release of an existing tag: undo deletes the release and keeps the tag', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const created = await step(githubReleaseCreate, context(front.url), { repo: 'octocat/Hello-World', tag: 'v1.0.0', name: 'v1.0.0', notes: 'First.' });
    expect(created.preview).toMatchObject({ text: expect.stringContaining('Tag: v1.0.0 exists (commit aa218f56b14c); undo keeps it.') });
    expect(created.snapshot).toEqual({ tagExisted: true });
    expect(await created.undo()).toEqual({ ok: true, output: { deletedRelease: 1, deletedTag: null } });
    expect(requests(front.seen)).toEqual(['GET /repos/octocat/Hello-World/git/ref/tags%2Fv1.0.0', 'GET /repos/octocat/Hello-World/git/ref/tags%2Fv1.0.0', 'POST /repos/octocat/Hello-World/releases', 'DELETE /repos/octocat/Hello-World/releases/1']);
  });

  it('github.release.upload-asset sends the workspace file to the upload root of the API in use, bound to its content; undo deletes the asset', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-release-')));
    const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00, ...Buffer.from('reign release asset')]);
    writeFileSync(join(workspace, 'reign-linux-x64.tar.gz'), bytes);
    const front = await githubFront();
    const uploaded = await step(githubReleaseUploadAsset, context(front.url, {}, () => null, workspace), { repo: 'octocat/Hello-World', release: 'v1.0.0', path: 'reign-linux-x64.tar.gz', label: 'Linux x64' });
    const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expect(uploaded.facts).toEqual({ size: bytes.length, sha256, planned: false });
    expect(uploaded.classification).toMatchObject({ risk: { risk: 'write', reasons: ['uploads reign-linux-x64.tar.gz (23 bytes) as reign-linux-x64.tar.gz to the release v1.0.0 of octocat/Hello-World'] }, contentHash: sha256 });
    expect(uploaded.preview).toMatchObject({ text: expect.stringContaining(`POST ${front.url}/repos/octocat/Hello-World/releases/{id}/assets?name=reign-linux-x64.tar.gz`) });
    // The mock answers with its example asset.
    expect(uploaded.result).toEqual({ ok: true, output: { id: 1, name: 'example.zip', size: 1024, downloadUrl: 'https://github.com/octocat/Hello-World/releases/download/v1.0.0/example.zip', releaseId: 1 } });
    const upload = front.seen.find((request) => request.method === 'POST')!;
    expect(upload.body.equals(bytes)).toBe(true);
    expect(upload.contentType).toBe('application/octet-stream');
    expect(await uploaded.undo()).toEqual({ ok: true, output: { deletedAsset: 1 } });
    expect(requests(front.seen)).toEqual(['GET /repos/octocat/Hello-World/releases/tags/v1.0.0', 'POST /repos/octocat/Hello-World/releases/1/assets?name=reign-linux-x64.tar.gz&label=Linux%20x64', 'DELETE /repos/octocat/Hello-World/releases/assets/1']);
  });

  it('github.release.edit shows the change as a diff, and undo puts the old fields back', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const edit = await step(githubReleaseEdit, context(front.url), { repo: 'octocat/Hello-World', release: 'v1.0.0', name: 'v1.0.0 (LTS)', notes: 'Long-term support.', prerelease: true });
    expect(edit.classification.risk).toEqual({ risk: 'write', reasons: ['edits the release v1.0.0 of octocat/Hello-World (undo puts it back)'] });
    expect(edit.preview).toEqual({
      kind: 'file',
      path: 'release v1.0.0 of octocat/Hello-World (undo puts it back)',
      before: 'tag: v1.0.0\ntarget: master\nname: v1.0.0\nstate: published\n\nDescription of the release\n',
      after: 'tag: v1.0.0\ntarget: master\nname: v1.0.0 (LTS)\nstate: pre-release\n\nLong-term support.\n',
    });
    expect(edit.result).toMatchObject({ ok: true, output: { id: 1 } });
    expect(bodyOf(front.seen, 'PATCH', '/repos/octocat/Hello-World/releases/1')).toEqual({ name: 'v1.0.0 (LTS)', body: 'Long-term support.', prerelease: true });
    expect(await edit.undo()).toEqual({ ok: true, output: { restored: 1 } });
    const restore = front.seen.at(-1)!;
    expect(JSON.parse(restore.body.toString())).toEqual({ tag_name: 'v1.0.0', target_commitish: 'master', name: 'v1.0.0', body: 'Description of the release', draft: false, prerelease: false });
    expect(requests(front.seen)).toEqual(['GET /repos/octocat/Hello-World/releases/tags/v1.0.0', 'GET /repos/octocat/Hello-World/releases/tags/v1.0.0', 'GET /repos/octocat/Hello-World/releases/tags/v1.0.0', 'PATCH /repos/octocat/Hello-World/releases/1', 'PATCH /repos/octocat/Hello-World/releases/1']);
  });

  it('github.release.delete is destructive; undo recreates it with the same tag, name and notes, and says its assets cannot be restored', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const ctx = context(front.url);
    const removed = await step(githubReleaseDelete, ctx, { repo: 'octocat/Hello-World', release: 'v1.0.0' });
    expect(removed.classification.risk).toEqual({ risk: 'destructive', reasons: ['deletes the release v1.0.0 of octocat/Hello-World and its assets: undo recreates the release, but its assets cannot be restored'] });
    expect(removed.preview).toEqual({
      kind: 'text',
      text: [
        `Delete the release v1.0.0 of octocat/Hello-World (v1.0.0, published) on ${new URL(front.url).host}`,
        'Its assets are deleted with it: example.zip (1.0 KiB).',
        'The tag v1.0.0 stays.',
        'Undo recreates the release with the same tag, name, notes and state, but its asset cannot be restored (upload it again).',
      ].join('\n'),
    });
    expect(removed.result).toEqual({ ok: true, output: { deleted: 1, tag: 'v1.0.0' } });
    expect(await removed.undo()).toEqual({ ok: true, output: { recreated: 1, tag: 'v1.0.0', assetsNotRestored: ['example.zip'], note: "the release's assets (example.zip) cannot be restored: upload them again" } });
    expect(bodyOf(front.seen, 'POST', '/repos/octocat/Hello-World/releases')).toEqual({ tag_name: 'v1.0.0', target_commitish: 'master', name: 'v1.0.0', body: 'Description of the release', draft: false, prerelease: false });
    expect(await read(githubReleaseList, ctx, { repo: 'octocat/Hello-World', limit: 5 })).toMatchObject({ ok: true, output: { count: 1, releases: [{ id: 1, tag: 'v1.0.0', assets: [{ name: 'example.zip', downloads: 42 }] }] } });
    expect(requests(front.seen)).toEqual([
      'GET /repos/octocat/Hello-World/releases/tags/v1.0.0',
      'GET /repos/octocat/Hello-World/releases/tags/v1.0.0',
      'GET /repos/octocat/Hello-World/releases/tags/v1.0.0',
      'DELETE /repos/octocat/Hello-World/releases/1',
      'POST /repos/octocat/Hello-World/releases',
      'GET /repos/octocat/Hello-World/releases?per_page=5',
    ]);
  });
});
