import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { dockerTools } from '../main/core/families/docker/tools';
import { dockerKey } from '../main/core/families/docker/docker-access';
import { PlanRunner, type RunRequest } from '../main/core/plan/plan-runner';
import type { Plan } from '../main/core/plan/plan-schema';
import type { RunEvent } from '../main/core/plan/run-events';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../main/core/policy/shell/shell-analyzer';
import { builtinTools, familyVerbs } from './fixtures/family-tools';
import { toolContext } from '../main/core/tools/tool-definition';
import { ToolRegistry } from '../main/core/tools/tool-registry';
import { ensureDockerTestImage, labelled, removeLabelled, TEST_IMAGE } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';

// The Docker tools against the real engine, through the plan engine as a user's plan would run them.

const label = `reign.test=${randomUUID().slice(0, 8)}`;
const labels = { [label.split('=')[0]!]: label.split('=')[1]! };
const prefix = `reign-${label.split('=')[1]}`;
let problem: string | null = null;
let shell: ShellAnalyzer;
const registry = new ToolRegistry().register(...builtinTools, ...dockerTools);

beforeAll(async () => {
  problem = ensureDockerTestImage();
  shell = await createShellAnalyzer(familyVerbs);
}, 180_000);
afterAll(() => {
  if (!problem) removeLabelled(label);
});

function engine(context: TestContext): void {
  requireInfrastructure(context, problem, 'A Docker engine');
}

async function run(steps: Plan['steps'], request: Partial<RunRequest> = {}) {
  const events: RunEvent[] = [];
  const runner = new PlanRunner({ registry, policy: new PolicyEngine(), shell, emit: (event) => events.push(event) });
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-docker-ws-')));
  const result = await runner.run({ plan: { steps }, workspace, approveUpTo: 'destructive', concurrency: 4, ...request });
  return { result, events, output: (id: string) => result.steps.get(id)?.output as any, error: (id: string) => result.steps.get(id)?.error };
}

const web = (name: string, extra: Record<string, unknown> = {}) => ({
  image: TEST_IMAGE,
  name,
  command: ['httpd', '-f', '-p', '80', '-h', '/www'],
  labels,
  healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1/'], intervalMs: 500, timeoutMs: 2000, retries: 10 },
  ...extra,
});

describe('Docker tools against a real engine', () => {
  it('runs a service on a network, reachable by name from another container and by port from the host; a failure later rolls it all back', async (context) => {
    engine(context);
    const net = `${prefix}-net`;
    const { result, output } = await run([
      { id: 'net', tool: 'docker.network.create', input: { name: net, labels }, dependsOn: [] },
      { id: 'web', tool: 'docker.container.run', dependsOn: ['net'], input: web(`${prefix}-web`, { networks: [{ name: net, aliases: ['www'] }], ports: [{ container: 80 }] }) },
      { id: 'healthy', tool: 'docker.container.wait-healthy', dependsOn: ['web'], input: { id: `${prefix}-web`, timeoutMs: 30_000 } },
      { id: 'by-name', tool: 'docker.container.run', dependsOn: ['healthy'], input: { image: TEST_IMAGE, name: `${prefix}-client`, labels, networks: [{ name: net, aliases: [] }], command: ['wget', '-q', '-O', '-', 'http://www/'] } },
      { id: 'exec', tool: 'docker.container.exec', dependsOn: ['healthy'], input: { id: `${prefix}-web`, command: ['cat', '/www/index.html'] } },
      { id: 'from-host', tool: 'http.check', dependsOn: ['healthy'], input: { url: 'http://${steps.web.output.address}/', retries: 5 } },
    ]);
    expect(result.status, JSON.stringify([...result.steps.values()].map((s) => [s.step.id, s.status, s.error]))).toBe('succeeded');
    expect(output('exec').stdout).toBe('<h1>reign test</h1>\n');
    const logs = spawnSync('docker', ['logs', `${prefix}-client`], { encoding: 'utf8' });
    expect(logs.stdout).toContain('reign test');
    expect(labelled(label).containers.sort()).toEqual([`${prefix}-client`, `${prefix}-web`]);
    removeLabelled(label);

    const failing = await run([
      { id: 'net', tool: 'docker.network.create', input: { name: net, labels }, dependsOn: [] },
      { id: 'web', tool: 'docker.container.run', dependsOn: ['net'], input: web(`${prefix}-web`, { networks: [{ name: net, aliases: [] }] }) },
      { id: 'broken', tool: 'docker.container.run', dependsOn: ['web'], input: { image: 'reign-test/does-not-exist:1', labels } },
    ]);
    expect(failing.result.status).toBe('rolled-back');
    expect(failing.error('broken')).toMatchObject({ code: 'IMAGE_NOT_FOUND', message: expect.stringMatching(/Pull or build it first/) });
    expect(labelled(label)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 120_000);

  it('keeps data in a named volume across a recreate', async (context) => {
    engine(context);
    const volume = `${prefix}-data`;
    const first = await run([
      { id: 'vol', tool: 'docker.volume.create', input: { name: volume, labels }, dependsOn: [] },
      { id: 'write', tool: 'docker.container.run', dependsOn: ['vol'], input: { image: TEST_IMAGE, name: `${prefix}-writer`, labels, volumes: [{ source: volume, target: '/data' }], command: ['sh', '-c', 'echo kept > /data/file && sleep 60'] } },
    ]);
    expect(first.result.status).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = await run([
      { id: 'rm', tool: 'docker.container.remove', input: { id: `${prefix}-writer`, force: true }, dependsOn: [] },
      { id: 'read', tool: 'docker.container.run', dependsOn: ['rm'], input: { image: TEST_IMAGE, name: `${prefix}-reader`, labels, volumes: [{ source: volume, target: '/data', readOnly: true }], command: ['sleep', '60'] } },
      { id: 'cat', tool: 'docker.container.exec', dependsOn: ['read'], input: { id: `${prefix}-reader`, command: ['cat', '/data/file'] } },
    ]);
    expect(second.output('cat').stdout).toBe('kept\n');
  }, 60_000);

  it('undo of a removed container recreates it from its configuration and starts it', async (context) => {
    engine(context);
    await run([{ id: 'web', tool: 'docker.container.run', input: web(`${prefix}-undo`), dependsOn: [] }]);
    const removal = await run([
      { id: 'rm', tool: 'docker.container.remove', input: { id: `${prefix}-undo`, force: true }, dependsOn: [] },
      { id: 'fail', tool: 'shell.exec', dependsOn: ['rm'], input: { command: 'exit 1' } },
    ]);
    expect(removal.result.steps.get('rm')?.status).toBe('undone');
    const state = spawnSync('docker', ['inspect', '-f', '{{.State.Running}} {{index .Config.Labels "reign.test"}}', `${prefix}-undo`], { encoding: 'utf8' });
    expect(state.stdout.trim()).toBe(`true ${label.split('=')[1]}`);
  }, 60_000);

  it('reports a taken port and a taken name clearly, leaving nothing half-made', async (context) => {
    engine(context);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await run([{ id: 'web', tool: 'docker.container.run', input: web(`${prefix}-port`, { ports: [{ container: 80, host: port }] }), dependsOn: [] }]);
      expect(taken.error('web')).toMatchObject({ code: 'PORT_IN_USE', message: expect.stringMatching(/host port is already in use/) });
      expect(labelled(label).containers).not.toContain(`${prefix}-port`);
    } finally {
      blocker.close();
    }
    await run([{ id: 'a', tool: 'docker.container.run', input: web(`${prefix}-same`), dependsOn: [] }]);
    const again = await run([{ id: 'b', tool: 'docker.container.run', input: web(`${prefix}-same`), dependsOn: [] }]);
    expect(again.error('b')).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already in use.*Pick another name/s) });
  }, 60_000);

  it('builds an image with streamed output, and a cancelled build stops', async (context) => {
    engine(context);
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-build-')));
    writeFileSync(join(workspace, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo built-by-reign > /www/built.txt\nLABEL ${label}\n`);
    const tag = `${prefix}-img:1`;
    const output: string[] = [];
    const runner = new PlanRunner({ registry, policy: new PolicyEngine(), shell, emit: (event) => event.type === 'step.output' && output.push(event.text) });
    const built = await runner.run({ plan: { steps: [{ id: 'build', tool: 'docker.image.build', input: { tags: [tag] }, dependsOn: [] }] }, workspace, approveUpTo: 'write' });
    expect(built.status, JSON.stringify(built.steps.get('build')?.error)).toBe('succeeded');
    expect(output.join('')).toMatch(/built-by-reign/);
    const cat = spawnSync('docker', ['run', '--rm', tag, 'cat', '/www/built.txt'], { encoding: 'utf8' });
    expect(cat.stdout).toBe('built-by-reign\n');
    spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });

    writeFileSync(join(workspace, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN sleep 60\n`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    const cancelled = await runner.run({ plan: { steps: [{ id: 'build', tool: 'docker.image.build', input: { tags: [`${prefix}-slow:1`], noCache: true }, dependsOn: [] }] }, workspace, approveUpTo: 'write', signal: controller.signal });
    expect(cancelled.status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 120_000);

  it('backs a volume up to a tar file and restores it into another volume', async (context) => {
    engine(context);
    const source = `${prefix}-src`;
    const target = `${prefix}-dst`;
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-backup-')));
    const runner = new PlanRunner({ registry, policy: new PolicyEngine(), shell, emit: () => {} });
    const result = await runner.run({
      plan: {
        steps: [
          { id: 'src', tool: 'docker.volume.create', input: { name: source, labels }, dependsOn: [] },
          { id: 'fill', tool: 'docker.container.run', dependsOn: ['src'], input: { image: TEST_IMAGE, name: `${prefix}-fill`, labels, volumes: [{ source, target: '/v' }], command: ['sh', '-c', 'echo precious > /v/data.txt'] } },
          { id: 'filled', tool: 'docker.container.wait-exit', dependsOn: ['fill'], input: { id: `${prefix}-fill` } },
          { id: 'backup', tool: 'docker.volume.backup', dependsOn: ['filled'], input: { volume: source, file: 'backups/src.tar', helperImage: TEST_IMAGE } },
          { id: 'dst', tool: 'docker.volume.create', input: { name: target, labels }, dependsOn: [] },
          { id: 'restore', tool: 'docker.volume.restore', dependsOn: ['backup', 'dst'], input: { volume: target, file: 'backups/src.tar', helperImage: TEST_IMAGE } },
          { id: 'check', tool: 'docker.container.run', dependsOn: ['restore'], input: { image: TEST_IMAGE, name: `${prefix}-check`, labels, volumes: [{ source: target, target: '/v', readOnly: true }], command: ['sleep', '30'] } },
          { id: 'read', tool: 'docker.container.exec', dependsOn: ['check'], input: { id: `${prefix}-check`, command: ['cat', '/v/data.txt'] } },
        ],
      },
      workspace,
      approveUpTo: 'destructive',
    });
    expect(result.status, JSON.stringify([...result.steps.values()].map((step) => [step.step.id, step.status, step.error]))).toBe('succeeded');
    expect((result.steps.get('read')!.output as { stdout: string }).stdout).toBe('precious\n');
    expect(spawnSync('docker', ['ps', '-a', '-q', '--filter', 'label=dev.reign.helper'], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 60_000);

  it('reads stats and follows logs; connects and disconnects networks with undo; previews a prune with what it would remove', async (context) => {
    engine(context);
    await run([{ id: 'web', tool: 'docker.container.run', input: web(`${prefix}-obs`, { command: ['sh', '-c', 'httpd -p 80 -h /www; while true; do echo tick; sleep 0.2; done'] }), dependsOn: [] }]);
    const observed = await run([
      { id: 'stats', tool: 'docker.container.stats', input: { id: `${prefix}-obs`, samples: 2 }, dependsOn: [] },
      { id: 'follow', tool: 'docker.container.logs', input: { id: `${prefix}-obs`, tail: 1, followMs: 1000 }, dependsOn: [] },
      { id: 'net', tool: 'docker.network.create', input: { name: `${prefix}-side`, labels }, dependsOn: [] },
      { id: 'attach', tool: 'docker.network.connect', dependsOn: ['net'], input: { network: `${prefix}-side`, container: `${prefix}-obs`, aliases: ['observer'] } },
      { id: 'look', tool: 'docker.network.inspect', dependsOn: ['attach'], input: { name: `${prefix}-side` } },
      { id: 'boom', tool: 'shell.exec', dependsOn: ['look', 'stats', 'follow'], input: { command: 'exit 1' } },
    ]);
    const stats = observed.result.steps.get('stats')!.output as { samples: { memoryBytes: number; cpuPercent: number }[] };
    expect(stats.samples).toHaveLength(2);
    expect(stats.samples[0]!.memoryBytes).toBeGreaterThan(0);
    expect((observed.result.steps.get('follow')!.output as { stdout: string }).stdout.match(/tick/g)!.length).toBeGreaterThan(2);
    expect((observed.result.steps.get('look')!.output as { containers: { name: string }[] }).containers.map((container) => container.name)).toEqual([`${prefix}-obs`]);
    expect(observed.result.status).toBe('rolled-back');
    expect(observed.result.steps.get('attach')!.status).toBe('undone');
    expect(spawnSync('docker', ['inspect', '-f', '{{len .NetworkSettings.Networks}}', `${prefix}-obs`], { encoding: 'utf8' }).stdout.trim()).toBe('1');

    spawnSync('docker', ['create', '--name', `${prefix}-stopped`, '--label', label, TEST_IMAGE, 'true']);
    const prune = registry.get('docker.prune')!;
    const ctx = toolContext(tmpdir(), process.env, shell);
    const preview = await prune.preview({ input: prune.input.parse({ kinds: ['containers'] }), ctx });
    expect(preview).toMatchObject({ kind: 'text', text: expect.stringContaining(`${prefix}-stopped`) });
    expect(prune.risk({ input: prune.input.parse({ kinds: ['volumes'] }), ctx, facts: undefined })).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/volume data is lost/)] });
  }, 60_000);

  it('lists what it made, through the read tools', async (context) => {
    engine(context);
    const ctx = toolContext(tmpdir(), process.env, shell);
    const listed = await registry.get('docker.container.list')!.run({ input: registry.get('docker.container.list')!.input.parse({ label: [label] }), ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });
    expect(listed.ok && (listed.output as { containers: { name: string }[] }).containers.length).toBeGreaterThan(0);
    const info = await registry.get('docker.system.info')!.run({ input: { diskUsage: false }, ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });
    expect(info).toMatchObject({ ok: true, output: { serverVersion: expect.any(String) } });
    expect(ctx.access(dockerKey).target.id).toMatch(/^docker:/);
  });
});
