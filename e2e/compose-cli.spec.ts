import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDockerTestImage, removeLabelled, TEST_IMAGE } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, jsonLines, runReignAsync } from './fixtures/serve-process';
import { writeTranscript } from './fixtures/transcripts';

// `reign compose` against the real engine: a stack with depends_on conditions deployed as a plan.

let problem: string | null = null;
const projects: string[] = [];
beforeAll(() => {
  problem = builtAppProblem() ?? ensureDockerTestImage();
}, 180_000);
afterAll(() => {
  if (!problem) for (const project of projects) removeLabelled(`com.docker.compose.project=${project}`);
});

function stack(webPort: number, extra = ''): { dir: string; project: string } {
  const project = `reigne2e${randomUUID().slice(0, 6)}`;
  projects.push(project);
  const dir = mkdtempSync(join(tmpdir(), 'reign-stack-'));
  writeFileSync(join(dir, '.env'), `WEB_PORT=${webPort}\nGREETING=hello from env\n`);
  writeFileSync(
    join(dir, 'compose.yaml'),
    `name: ${project}
services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo ready > /data/ready; httpd -f -p 80 -h /www"]
    volumes: [data:/data]
    healthcheck: { test: ["CMD", "test", "-f", "/data/ready"], interval: 1s, retries: 20 }
  migrate:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "wget -q -O /dev/null http://db/ && echo migrated"]
    depends_on: { db: { condition: service_healthy } }
  web:
    image: ${TEST_IMAGE}
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    environment: { GREETING: "\${GREETING}" }
    ports: ["127.0.0.1:\${WEB_PORT}:80"]
    depends_on:
      db: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
volumes:
  data:
${extra}`,
  );
  return { dir, project };
}

const freePort = (): number => 20000 + Math.floor(Math.random() * 20000);
const labelled = (project: string) => execFileSync('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}} {{.Label "com.docker.compose.service"}} {{.Label "com.docker.compose.container-number"}}'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();

describe('reign compose against a real engine', () => {
  it('deploys a stack in dependency order, sees it as a compose project, and a second up does nothing', async (context) => {
    requireInfrastructure(context, problem, 'The built CLI and a Docker engine');
    const port = freePort();
    const { dir, project } = stack(port);
    const env = isolatedEnv();
    const file = join(dir, 'compose.yaml');
    const up = await runReignAsync(['compose', 'up', '-f', file, '--approve', 'write', '--json'], env);
    expect(up.status, up.stdout + up.stderr).toBe(0);
    const events = up.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const finished = events.filter((event) => event.type === 'step.finished').map((event) => event.step);
    expect(finished.indexOf('healthy-db')).toBeLessThan(finished.indexOf('create-migrate-1'));
    expect(finished.indexOf('completed-migrate')).toBeLessThan(finished.indexOf('create-web-1'));
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('reign test');
    expect(labelled(project)).toEqual([`${project}-db-1 db 1`, `${project}-migrate-1 migrate 1`, `${project}-web-1 web 1`]);
    expect(execFileSync('docker', ['exec', `${project}-web-1`, 'sh', '-c', 'echo $GREETING'], { encoding: 'utf8' })).toBe('hello from env\n');

    const again = await runReignAsync(['compose', 'up', '-f', file, '--approve', 'write'], env);
    expect(again).toMatchObject({ status: 0, stdout: expect.stringMatching(/Nothing to do: 3 containers of .* already up to date/) });

    const ps = JSON.parse((await runReignAsync(['compose', 'ps', '-f', file, '--json'], env)).stdout);
    expect(ps.map((container: { service: string; state: string }) => `${container.service}:${container.state}`)).toEqual(['db:running', 'migrate:exited', 'web:running']);
    expect((await runReignAsync(['compose', 'logs', 'migrate', '-f', file], env)).stdout).toBe(`${project}-migrate-1 | migrated\n`);

    // web publishes a fixed host port, so a second web could not start: db scales.
    const scaled = await runReignAsync(['compose', 'up', '-f', file, '--scale', 'db=2', '--approve', 'write'], env);
    expect(scaled.status, scaled.stdout).toBe(0);
    expect(labelled(project)).toContain(`${project}-db-2 db 2`);
    await runReignAsync(['compose', 'up', '-f', file, '--approve', 'destructive'], env);
    expect(labelled(project)).not.toContain(`${project}-db-2 db 2`);
  }, 120_000);

  it('recreates only a service whose configuration changed', async (context) => {
    requireInfrastructure(context, problem, 'The built CLI and a Docker engine');
    const { dir, project } = stack(freePort());
    const env = isolatedEnv();
    const file = join(dir, 'compose.yaml');
    await runReignAsync(['compose', 'up', '-f', file, '--approve', 'write'], env);
    const before = execFileSync('docker', ['inspect', '-f', '{{.Id}}', `${project}-db-1`, `${project}-web-1`], { encoding: 'utf8' }).split('\n');
    writeFileSync(join(dir, '.env'), readFileSync(join(dir, '.env'), 'utf8').replace('hello from env', 'changed'));
    const plan = await runReignAsync(['compose', 'plan', '-f', file, '--json'], env);
    expect(JSON.parse(plan.stdout).steps.map((step: { id: string; risk: string }) => `${step.id}:${step.risk}`)).toEqual(['healthy-db:read', 'completed-migrate:read', 'remove-web-1:destructive', 'create-web-1:write']);
    expect((await runReignAsync(['compose', 'up', '-f', file, '--approve', 'destructive'], env)).status).toBe(0);
    const after = execFileSync('docker', ['inspect', '-f', '{{.Id}}', `${project}-db-1`, `${project}-web-1`], { encoding: 'utf8' }).split('\n');
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  }, 120_000);

  it('rolls back everything the plan created when one service fails, leaving nothing behind', async (context) => {
    requireInfrastructure(context, problem, 'The built CLI and a Docker engine');
    const { dir, project } = stack(freePort());
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8').replace('volumes:\n  data:\n', '')}  broken:\n    image: reign-test/not-there:1\n    depends_on: [db]\nvolumes:\n  data:\n`);
    const up = await runReignAsync(['compose', 'up', '-f', file, '--approve', 'write'], isolatedEnv());
    expect(up.status).toBe(1);
    expect(up.stdout).toMatch(/✗ pull-broken failed/);
    expect(up.stdout).toMatch(/run rolled-back/);
    expect(labelled(project)).toEqual([]);
    expect(execFileSync('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).trim()).toBe('');
    expect(execFileSync('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).trim()).toBe('');
  }, 120_000);

  it('down removes containers and networks, and volumes only with --volumes', async (context) => {
    requireInfrastructure(context, problem, 'The built CLI and a Docker engine');
    const { dir, project } = stack(freePort());
    const env = isolatedEnv();
    const file = join(dir, 'compose.yaml');
    const up = await runReignAsync(['compose', 'up', '-f', file, '--approve', 'write'], env);
    expect(up.status, up.stdout + up.stderr).toBe(0);
    const down = await runReignAsync(['compose', 'down', '-f', file, '--approve', 'destructive'], env);
    expect(down.status, down.stdout).toBe(0);
    expect(labelled(project)).toEqual([]);
    expect(execFileSync('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).trim()).toBe(`${project}_data`);
    expect((await runReignAsync(['compose', 'down', '-p', project, '--volumes', '--approve', 'destructive'], env)).status).toBe(0);
    expect(execFileSync('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).trim()).toBe('');
  }, 120_000);

  it('interoperates with docker-compose both ways: each sees and takes down the other\'s project', async (context) => {
    requireInfrastructure(context, problem ?? (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0 ? null : 'docker-compose is not installed (Debian: apt-get install docker-compose)'), 'docker-compose and a Docker engine');
    const env = isolatedEnv();
    const { dir, project } = stack(freePort());
    const file = join(dir, 'compose.yaml');
    // docker-compose 1.x predates the top-level name: key; the project comes from -p instead.
    const v1 = join(dir, 'v1.yaml');
    writeFileSync(v1, readFileSync(file, 'utf8').replace(/^name: .*\n/, ''));
    expect((await runReignAsync(['compose', 'up', '-f', file, '--approve', 'write'], env)).status).toBe(0);
    const theirPs = spawnSync('docker-compose', ['-f', v1, '-p', project, 'ps', '--services'], { cwd: dir, encoding: 'utf8' });
    expect(theirPs.stdout.split('\n').filter(Boolean).sort()).toEqual(['db', 'migrate', 'web']);
    expect(spawnSync('docker-compose', ['-f', v1, '-p', project, 'down'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    expect(labelled(project)).toEqual([]);

    expect(spawnSync('docker-compose', ['-f', v1, '-p', project, 'up', '-d', 'db'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    const ourPs = JSON.parse((await runReignAsync(['compose', 'ps', '-f', file, '--json'], env)).stdout);
    expect(ourPs.map((container: { service: string }) => container.service)).toEqual(['db']);
    expect((await runReignAsync(['compose', 'down', '-p', project, '--volumes', '--approve', 'destructive'], env)).status).toBe(0);
    expect(labelled(project)).toEqual([]);
  }, 120_000);

  it('explains a broken compose file instead of running anything', async (context) => {
    requireInfrastructure(context, problem, 'The built CLI and a Docker engine');
    const dir = mkdtempSync(join(tmpdir(), 'reign-badstack-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: x\n    privileged: true\n    depends_on: [nowhere]\n');
    const result = await runReignAsync(['compose', 'up', '-f', join(dir, 'compose.yaml'), '--approve', 'all'], isolatedEnv());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/services\.web\.privileged: "privileged" is not supported by Reign/);
  });

  it('the agent deploys, lists and takes down a project with compose.up, compose.ps and compose.down, each expanded into its Docker steps', async (context) => {
    requireInfrastructure(context, problem, 'The built CLI and a Docker engine');
    const port = freePort();
    const { dir, project } = stack(port);
    const env = isolatedEnv();
    const ask = (turns: unknown[], approve: string) => runReignAsync(['ask', 'deploy the stack', '--transcript', writeTranscript(turns), '--approve', approve, '--workspace', dir, '--json'], env);
    const up = await ask(
      [
        { tool_calls: [{ name: 'find_tools', arguments: { query: 'compose up deploy' } }] },
        { tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Deploy the stack', steps: [{ id: 'up', tool: 'compose.up', input: {} }, { id: 'check', tool: 'http.check', dependsOn: ['up'], input: { url: `http://127.0.0.1:${port}/`, retries: 20 } }] } }] },
        { text: 'Deployed.' },
      ],
      'write',
    );
    expect(up.status, up.stdout + up.stderr).toBe(0);
    const events = jsonLines(up.stdout);
    expect(events.find((event) => event.type === 'tool_result' && event.name === 'find_tools').content).toMatch(/- compose\.up: /);
    const proposed = events.find((event) => event.type === 'plan_proposed').plan.steps.map((step: { id: string; tool: string }) => step.id);
    expect(proposed).toEqual(expect.arrayContaining(['up.healthy-db', 'up.create-migrate-1', 'up.create-web-1', 'check']));
    expect(proposed).not.toContain('up');
    expect(labelled(project)).toHaveLength(3);

    const ps = await ask([{ tool_calls: [{ name: 'compose.ps', arguments: { project } }] }, { text: 'Listed.' }], 'none');
    expect(jsonLines(ps.stdout).find((event) => event.type === 'tool_result' && event.name === 'compose.ps').content).toMatch(new RegExp(`${project}-web-1`));

    const again = await ask([{ tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Deploy again', steps: [{ id: 'up', tool: 'compose.up', input: {} }] } }] }, { text: 'Nothing to do.' }], 'write');
    expect(jsonLines(again.stdout).find((event) => event.type === 'tool_result' && event.name === 'propose_plan').content).toMatch(/Nothing to do: up \(compose\.up\) → nothing to do/);

    const down = await ask([{ tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Take it down', steps: [{ id: 'down', tool: 'compose.down', input: { project, volumes: true } }] } }] }, { text: 'Gone.' }], 'write');
    expect(down.status, down.stdout).toBe(3);
    expect(labelled(project)).toHaveLength(3);
    const approved = await ask([{ tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Take it down', steps: [{ id: 'down', tool: 'compose.down', input: { project, volumes: true } }] } }] }, { text: 'Gone.' }], 'destructive');
    expect(approved.status, approved.stdout).toBe(0);
    expect(labelled(project)).toEqual([]);
  }, 180_000);
});
