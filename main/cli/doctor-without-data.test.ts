import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../../preload/contract';
import { runCli } from './reign';

async function doctor(env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['doctor', '--json'], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { PATH: process.env.PATH, ...env } });
  return { code, stdout, stderr };
}

describe('reign doctor leaves nothing behind', () => {
  it('reports without creating the data folder when Reign never ran here', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-doctor-home-'));
    const data = join(home, 'data');
    const result = await doctor({ HOME: home, REIGN_HOME: data });
    expect(DoctorReportSchema.parse(JSON.parse(result.stdout)).dataDir).toBe(data);
    expect(existsSync(data)).toBe(false);
  });

  it('leaves an empty data folder empty', async () => {
    // HOME apart: the tools doctor asks for their version (terraform) may keep files there, which is theirs.
    const data = mkdtempSync(join(tmpdir(), 'reign-doctor-empty-'));
    const result = await doctor({ HOME: mkdtempSync(join(tmpdir(), 'reign-doctor-home-')), REIGN_HOME: data });
    expect(JSON.parse(result.stdout).schemaVersion).toBe(1);
    expect(readdirSync(data)).toEqual([]);
  });

  it('reads the settings Reign stored: the Ollama URL set with `reign settings set`', async () => {
    const data = mkdtempSync(join(tmpdir(), 'reign-doctor-set-'));
    mkdirSync(data, { recursive: true });
    const env = { PATH: process.env.PATH, HOME: data, REIGN_HOME: data };
    expect(await runCli(['settings', 'set', 'ollamaUrl', '"http://127.0.0.1:9"'], { stdout: () => undefined, stderr: () => undefined, env })).toBe(0);
    const report = DoctorReportSchema.parse(JSON.parse((await doctor(env)).stdout));
    expect(JSON.stringify(report.checks.ollama)).toContain('127.0.0.1:9');
  });
});
