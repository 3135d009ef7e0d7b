import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCompose } from '../main/core/families/compose/compose-loader';
import { helmLint } from '../main/core/families/helm/helm-chart-tools';
import { helmInstall } from '../main/core/families/helm/helm-deploy-tools';
import { helmChartFromCompose } from '../main/core/families/helm/helm-from-compose-tool';
import { helmReleaseToCompose } from '../main/core/families/helm/helm-release-compose-tool';
import { helmUninstall } from '../main/core/families/helm/helm-release-tools';
import type { ToolContext } from '../main/core/tools/tool-definition';
import { ensureDockerTestImage, removeLabelled, TEST_IMAGE } from './fixtures/docker-engine';
import { helmContext, stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// Docker → Kubernetes and back, with the real helm, API server (KWOK makes the pods ready) and
// Docker engine: a compose project becomes a chart that installs; the release becomes a compose
// setup the compose loader accepts and the engine runs. Secret values never cross over.

const { cluster, problem: clusterProblem } = testCluster();
const suffix = Math.random().toString(36).slice(2, 8);
const namespace = `reign-conv-${suffix}`;
const release = `conv-${suffix}`;
const webPort = 20000 + Math.floor(Math.random() * 20000);
const dotenvToken = `dotenv-token-${suffix}-never-in-chart`;
const installToken = `install-token-${suffix}-never-in-compose`;
let ctx: ToolContext;
const steps = stepsIn(() => ctx);
let dockerProblem: string | null = null;
let mirrored: { compose: string; env: string } | null = null;

const project = `name: shop
services:
  web:
    image: ${TEST_IMAGE}
    command: ["httpd", "-f", "-p", "${webPort}", "-h", "/www"]
    environment:
      GREETING: hello from compose
      API_TOKEN: \${API_TOKEN}
    ports: ["127.0.0.1:18080:${webPort}"]
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${webPort}/"]
      interval: 2s
      retries: 15
  worker:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "while true; do sleep 5; done"]
    environment:
      MODE: batch
    deploy:
      replicas: 2
`;

type Deployment = { spec: { replicas: number; template: { spec: { containers: { image: string; args?: string[]; env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[]; ports?: { containerPort: number }[]; readinessProbe?: { exec?: { command: string[] } } }[] } } }; status: { readyReplicas?: number } };
const deployment = (name: string) => clusterApi<Deployment>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`);

beforeAll(async () => {
  dockerProblem = builtAppProblem() ?? ensureDockerTestImage();
  if (!cluster) return;
  ctx = await helmContext(cluster);
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
}, 180_000);

afterAll(async () => {
  if (!dockerProblem) removeLabelled(`com.docker.compose.project=${release}`);
  if (!cluster || !ctx) return;
  await steps.run(helmUninstall, { release, namespace, keepHistory: false }).catch(() => undefined);
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
}, 120_000);

describe('compose project ⇄ Helm release', () => {
  it('converts a compose project to a chart that lints and installs, then mirrors the release as compose text the loader accepts', async (context) => {
    requireInfrastructure(context, clusterProblem, 'The Kubernetes test cluster');
    mkdirSync(join(ctx.workspace, 'shop'));
    writeFileSync(join(ctx.workspace, 'shop/compose.yaml'), project);
    writeFileSync(join(ctx.workspace, 'shop/.env'), `API_TOKEN=${dotenvToken}\n`);

    // The step: a write to the workspace, previewed with every file and what does not convert.
    const input = { dir: 'shop' };
    expect(await steps.classify(helmChartFromCompose, input)).toMatchObject({ risk: 'write', target: { kind: 'workspace' } });
    const preview = await steps.preview(helmChartFromCompose, input);
    expect(preview.kind).toBe('text');
    const text = (preview as { text: string }).text;
    expect(text).toMatch(/Writes chart shop, converted from the compose project, into charts\/shop\/:\n {2}charts\/shop\/Chart\.yaml\n {2}charts\/shop\/values\.yaml\n {2}charts\/shop\/templates\/web-deployment\.yaml\n {2}charts\/shop\/templates\/web-service\.yaml\n {2}charts\/shop\/templates\/worker-deployment\.yaml\n {2}charts\/shop\/templates\/secrets\.yaml/);
    expect(text).toMatch(/to fill at install[\s\S]*secrets\.env\.web\.API_TOKEN \(set from a variable of \.env or the shell\)/);
    expect(text).toMatch(new RegExp(`Not converted:[\\s\\S]*web: ports: 18080:${webPort} is not published on a host`));
    expect(text).not.toContain(dotenvToken);

    const converted = await steps.run(helmChartFromCompose, input);
    expect(converted.result).toMatchObject({ ok: true, output: { path: 'charts/shop', chart: 'shop', fillIn: ['secrets.env.web.API_TOKEN (set from a variable of .env or the shell)'] } });
    const chartDir = join(ctx.workspace, 'charts/shop');
    const written = readdirSync(join(chartDir, 'templates')).map((file) => readFileSync(join(chartDir, 'templates', file), 'utf8')).join('\n') + readFileSync(join(chartDir, 'values.yaml'), 'utf8');
    expect(written).not.toContain(dotenvToken);
    expect(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'))).toMatchObject({ services: { web: { image: { repository: 'reign-test/busybox', tag: '1' }, replicas: 1, env: { GREETING: 'hello from compose' } }, worker: { replicas: 2, env: { MODE: 'batch' } } }, secrets: { env: { web: { API_TOKEN: '' } } } });

    // The plan's next steps: the family's own lint and install, the secret given at install.
    expect(await steps.run(helmLint, { chart: 'charts/shop', strict: true }).then((step) => step.result)).toMatchObject({ ok: true, output: { passed: true } });
    const withoutSecret = await steps.run(helmInstall, { release, chart: 'charts/shop', namespace, timeoutSeconds: 60 });
    expect(withoutSecret.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/secrets\.env\.web\.API_TOKEN is empty: set it at install/) } });
    const installed = await steps.run(helmInstall, { release, chart: 'charts/shop', namespace, set: { 'secrets.env.web.API_TOKEN': installToken } });
    expect(installed.result).toMatchObject({ ok: true, output: { release, revision: 1, status: 'deployed', chart: 'shop-0.1.0' } });

    // --wait returned, so KWOK made every pod ready.
    const web = await deployment('web');
    expect(web.status.readyReplicas).toBe(1);
    expect(web.spec.template.spec.containers[0]).toMatchObject({
      image: TEST_IMAGE,
      args: ['httpd', '-f', '-p', String(webPort), '-h', '/www'],
      env: [{ name: 'GREETING', value: 'hello from compose' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'web-env', key: 'API_TOKEN' } } }],
      ports: [{ containerPort: webPort }],
      readinessProbe: { exec: { command: ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${webPort}/`] } },
    });
    const worker = await deployment('worker');
    expect(worker).toMatchObject({ spec: { replicas: 2 }, status: { readyReplicas: 2 } });
    expect(worker.spec.template.spec.containers[0]).toMatchObject({ image: TEST_IMAGE, env: [{ name: 'MODE', value: 'batch' }] });
    const secret = await clusterApi<{ data: Record<string, string> }>(cluster!, `/api/v1/namespaces/${namespace}/secrets/web-env`);
    expect(Buffer.from(secret.data.API_TOKEN!, 'base64').toString()).toBe(installToken);
    const service = await clusterApi<{ spec: { ports: { port: number }[] } }>(cluster!, `/api/v1/namespaces/${namespace}/services/web`);
    expect(service.spec.ports).toMatchObject([{ port: webPort }]);

    // And back: the release as a local compose setup, the Secret's value left for the person.
    expect(await steps.classify(helmReleaseToCompose, { release, namespace })).toMatchObject({ risk: 'read', target: { id: `kubernetes:reign-test/${namespace}` } });
    const back = await steps.run(helmReleaseToCompose, { release, namespace });
    expect(back.result.ok, JSON.stringify(back.result)).toBe(true);
    if (!back.result.ok) return;
    const output = back.result.output;
    expect(JSON.stringify(output)).not.toContain(installToken);
    expect(JSON.stringify(output)).not.toContain(Buffer.from(installToken).toString('base64'));
    expect([...output.services].sort()).toEqual(['web', 'worker']);
    expect(output.secretVariables).toEqual(['API_TOKEN']);
    expect(output.env).toMatch(/# Secret web-env key API_TOKEN\nAPI_TOKEN=\n/);
    expect(output.unmapped).toEqual(expect.arrayContaining(['worker: runs 2 replicas in the release; the compose service runs one (its ports are published once)']));

    const dir = join(ctx.workspace, 'mirror');
    mkdirSync(dir);
    writeFileSync(join(dir, 'compose.yaml'), output.compose);
    writeFileSync(join(dir, '.env'), output.env);
    const loaded = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.project.name).toBe(release);
    const mirroredWeb = loaded.project.services.find((entry) => entry.name === 'web')!;
    expect(mirroredWeb).toMatchObject({ image: TEST_IMAGE, command: ['httpd', '-f', '-p', String(webPort), '-h', '/www'], environment: { GREETING: 'hello from compose', API_TOKEN: '' }, ports: [{ target: webPort, published: webPort, hostIp: '127.0.0.1' }], healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${webPort}/`] } });
    expect(loaded.project.services.find((entry) => entry.name === 'worker')).toMatchObject({ image: TEST_IMAGE, command: ['sh', '-c', 'while true; do sleep 5; done'], environment: { MODE: 'batch' } });
    mirrored = { compose: output.compose, env: output.env };

    // Undo of the conversion removes the chart it wrote.
    expect(await converted.undo()).toMatchObject({ ok: true, output: { kept: [] } });
    expect(readdirSync(ctx.workspace).sort()).toEqual(['mirror', 'shop']);
  }, 240_000);

  it('runs the mirrored setup on the Docker engine with compose up: healthy, the filled secret inside, ports on 127.0.0.1 only', async (context) => {
    requireInfrastructure(context, clusterProblem, 'The Kubernetes test cluster');
    requireInfrastructure(context, dockerProblem, 'The built CLI and a Docker engine');
    expect(mirrored, 'the conversion test ran first').not.toBeNull();
    const dir = join(ctx.workspace, 'mirror-run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'compose.yaml'), mirrored!.compose);
    writeFileSync(join(dir, '.env'), mirrored!.env.replace('API_TOKEN=', 'API_TOKEN=filled-by-the-person'));
    const env = isolatedEnv();
    const up = await runReignAsync(['compose', 'up', '-f', join(dir, 'compose.yaml'), '--approve', 'write'], env);
    expect(up.status, up.stdout + up.stderr).toBe(0);
    const container = `${release}-web-1`;
    let health = '';
    for (let attempt = 0; attempt < 60 && health !== 'healthy'; attempt++) {
      health = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', container], { encoding: 'utf8' }).trim();
      if (health !== 'healthy') await sleep(500);
    }
    expect(health).toBe('healthy');
    expect(execFileSync('docker', ['exec', container, 'sh', '-c', 'echo "$GREETING/$API_TOKEN"'], { encoding: 'utf8' })).toBe('hello from compose/filled-by-the-person\n');
    expect(execFileSync('docker', ['port', container], { encoding: 'utf8' }).trim()).toBe(`${webPort}/tcp -> 127.0.0.1:${webPort}`);
    expect(await (await fetch(`http://127.0.0.1:${webPort}/`)).text()).toContain('reign test');
    const down = await runReignAsync(['compose', 'down', '-p', release, '--approve', 'destructive'], env);
    expect(down.status, down.stdout + down.stderr).toBe(0);
  }, 180_000);

  it('as one plan: convert, lint and install run as plan steps (reign plan run), the chart path flowing from the conversion to the install', async (context) => {
    requireInfrastructure(context, clusterProblem, 'The Kubernetes test cluster');
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const planned = `${namespace}-plan`;
    await clusterApi(cluster!, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: planned } } });
    try {
      const plan = join(ctx.workspace, 'convert-plan.json');
      writeFileSync(plan, JSON.stringify({
        steps: [
          { id: 'chart', tool: 'helm.chart.from-compose', input: { dir: 'shop', path: 'charts/planned' } },
          { id: 'lint', tool: 'helm.lint', dependsOn: ['chart'], input: { chart: '${steps.chart.output.path}', strict: true } },
          { id: 'install', tool: 'helm.install', dependsOn: ['lint'], input: { release: 'planned', chart: '${steps.chart.output.path}', namespace: planned, set: { 'secrets.env.web.API_TOKEN': installToken } } },
        ],
      }));
      const env = { ...isolatedEnv(), PATH: ctx.env.PATH, KUBECONFIG: cluster!.kubeconfig };
      const run = await runReignAsync(['plan', 'run', plan, '--approve', 'write', '--workspace', ctx.workspace], env);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/chart[\s\S]*succeeded[\s\S]*lint[\s\S]*succeeded[\s\S]*install[\s\S]*succeeded/);
      expect(run.stdout + run.stderr).not.toContain(installToken);
      expect((await clusterApi<Deployment>(cluster!, `/apis/apps/v1/namespaces/${planned}/deployments/worker`)).status.readyReplicas).toBe(2);
    } finally {
      await runReignAsync(['helm', 'uninstall', 'planned', '-n', planned, '--approve', 'destructive'], { ...isolatedEnv(), PATH: ctx.env.PATH, KUBECONFIG: cluster!.kubeconfig }).catch(() => undefined);
      await clusterApi(cluster!, `/api/v1/namespaces/${planned}`, { method: 'DELETE' }).catch(() => undefined);
    }
  }, 240_000);
});
