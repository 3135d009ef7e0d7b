import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../preload/contract';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReign } from './fixtures/serve-process';

/** The engine's own answer, from the docker CLI, to compare doctor against. */
function engineVersion(): { version: string | null; problem: string | null } {
  const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return { version: null, problem: `the docker CLI is not installed (${result.error.message})` };
  if (result.status !== 0) return { version: null, problem: `no Docker engine is running: ${result.stderr.trim()}` };
  return { version: result.stdout.trim(), problem: null };
}

describe('reign doctor against a real Docker engine', () => {
  it('finds the engine on the default socket and reports the version the engine reports', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const engine = engineVersion();
    requireInfrastructure(context, engine.problem, 'A Docker engine');
    const result = runReign(['doctor', '--json'], isolatedEnv());
    const docker = DoctorReportSchema.parse(JSON.parse(result.stdout)).checks.docker!;
    expect(docker).toMatchObject({ status: 'ok', source: 'default-socket', serverVersion: engine.version });
    expect(docker.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('follows DOCKER_HOST to the same engine, and reports a dead endpoint with a fix', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const engine = engineVersion();
    requireInfrastructure(context, engine.problem, 'A Docker engine');
    const viaHost = DoctorReportSchema.parse(JSON.parse(runReign(['doctor', '--json'], isolatedEnv({ DOCKER_HOST: 'unix:///var/run/docker.sock' })).stdout));
    expect(viaHost.checks.docker).toMatchObject({ status: 'ok', source: 'DOCKER_HOST', serverVersion: engine.version });
    const dead = DoctorReportSchema.parse(JSON.parse(runReign(['doctor', '--json'], isolatedEnv({ DOCKER_HOST: 'tcp://127.0.0.1:1' })).stdout));
    expect(dead.checks.docker).toMatchObject({ status: 'error', fix: expect.stringMatching(/not running/) });
  });
});
