import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../../preload/contract';
import { REIGN_VERSION } from '../core/version';
import { families } from '../core/families';
import { globalOptions, runCli } from './reign';

async function run(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: NodeJS.ReadableStream) {
  let stdout = '';
  let stderr = '';
  const home = mkdtempSync(join(tmpdir(), 'reign-cli-'));
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data'), ...env },
    stdin,
  });
  return { code, stdout, stderr };
}

describe('reign CLI', () => {
  it('prints its version and help', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `reign ${REIGN_VERSION}\n`, stderr: '' });
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/reign serve \[--port N\] \[--open\]/);
    expect(help.stdout).toMatch(/reign doctor \[--json\]/);
    expect((await run([])).stdout).toBe(help.stdout);
  });

  it('refuses unknown commands, options and bad ports with exit code 2 and a hint', async () => {
    expect(await run(['deploy'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "deploy".*reign --help/s) });
    expect(await run(['doctor', '--jsn'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--jsn/) });
    expect(await run(['serve', '--port', '99999'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port must be a whole number/) });
  });

  it('doctor --json prints the documented, stable report', async () => {
    const result = await run(['doctor', '--json'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock', KUBECONFIG: '/nonexistent/kubeconfig' });
    const report = DoctorReportSchema.parse(JSON.parse(result.stdout));
    // Every check of schema v1 is still there (families contribute theirs; new checks only add keys).
    expect(Object.keys(report.checks).sort()).toEqual(expect.arrayContaining(['docker', 'kubernetes', 'helm', 'terraform', 'git', 'kubectl', 'keychain', 'ollama', 'anthropic'].sort()));
    expect(report.checks.docker).toMatchObject({ source: 'DOCKER_HOST', endpoint: 'unix:///nonexistent/docker.sock', status: 'error', context: null, serverVersion: null, apiVersion: null });
    expect(report.checks.kubernetes).toMatchObject({ status: 'missing', kubeconfigPaths: [], currentContext: null, contexts: [] });
    expect(report.checks.git).toMatchObject({ status: 'ok', path: expect.any(String), version: expect.any(String), required: true });
    for (const binary of ['helm', 'terraform', 'kubectl']) expect(Object.keys(report.checks[binary]!)).toEqual(expect.arrayContaining(['status', 'summary', 'fix', 'path', 'version']));
    // The Anthropic check says whether a key is stored, never a key.
    expect(Object.keys(report.checks.anthropic).sort()).toEqual(['fix', 'keyStored', 'status', 'summary']);
  });

  it('doctor prints a readable report with what to fix', async () => {
    const result = await run(['doctor'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(result.stdout).toMatch(/✗ docker\s+Docker engine at unix:\/\/\/nonexistent\/docker.sock did not answer/);
    expect(result.stdout).toMatch(/→ The Docker engine is not running/);
  });

  it('reports a corrupt database clearly instead of replacing it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'reign-corrupt-'));
    writeFileSync(join(data, 'reign.db'), 'garbage '.repeat(1000));
    const result = await run(['doctor'], { REIGN_HOME: data });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/reign\.db is damaged/) });
  });

  it('tools lists every registered tool with its family, input schema and undo, as JSON or text', async () => {
    const listed = await run(['tools', '--json']);
    expect(listed.code).toBe(0);
    const { tools } = JSON.parse(listed.stdout) as { tools: { name: string; family: string; description: string; inputSchema: { type: string }; undoable: boolean }[] };
    expect(tools.length).toBeGreaterThan(30);
    expect(tools.find((tool) => tool.name === 'files.write')).toMatchObject({ family: 'files', undoable: true, inputSchema: { type: 'object', required: ['path', 'content'] } });
    expect(tools.find((tool) => tool.name === 'shell.exec')).toMatchObject({ family: 'shell', undoable: false });
    for (const tool of tools) expect(tool.name.startsWith(`${tool.family}.`)).toBe(true);
    const docker = await run(['tools', '--family', 'docker']);
    expect(docker.stdout).toMatch(/^docker — Docker engine \(\d+ tools\)\n/);
    expect(docker.stdout).toMatch(/docker\.container\.remove\s+undo /);
    expect(docker.stdout).not.toMatch(/files\.write/);
    expect(await run(['tools', '--family', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no family "nope". Families: shell, files, http, docker/) });
  });

  it('family subcommands add options that never shadow the global ones', () => {
    const shorts = new Set<string>(Object.values(globalOptions).flatMap((option) => ('short' in option ? [option.short] : [])));
    for (const command of families.flatMap((family) => family.commands ?? [])) {
      for (const [name, option] of Object.entries(command.options)) {
        expect(Object.keys(globalOptions), `reign ${command.name} --${name}`).not.toContain(name);
        if (option.short) expect(shorts.has(option.short), `reign ${command.name} -${option.short}`).toBe(false);
      }
    }
  });

  it('serve says how to build the UI when it is missing', async () => {
    // runCli resolves the renderer next to the bundle; under vitest that is main/renderer, which does not exist.
    expect(await run(['serve'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/npm run build/) });
  });
});

describe('reign settings and risk', () => {
  it('sets policy settings with validation, and prints them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-cli-settings-'));
    const env = { REIGN_HOME: home };
    expect(await run(['settings', 'set', 'productionTargets', '["kubernetes:prod-*"]'], env)).toMatchObject({ code: 0, stdout: 'productionTargets = ["kubernetes:prod-*"]\n' });
    expect(await run(['settings', 'set', 'policyRules', '[{"tool":"docker.*","decision":"maybe"}]'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot set policyRules: policyRules\.0\.decision/) });
    expect(JSON.parse((await run(['settings', 'get', 'productionTargets'], env)).stdout)).toEqual(['kubernetes:prod-*']);
  });

  it('risk classifies a command after --, in text or JSON', async () => {
    expect(await run(['risk', '--json', '--', 'rm', '-rf', '/'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\{"command":"rm -rf \/","risk":"critical"/) });
    expect((await run(['risk', '--', 'git', 'status'])).stdout).toMatch(/^read\n/);
    expect(await run(['risk'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/give a command after --/) });
  });
});

describe('reign risk --stdin', () => {
  it('prints one JSON object per input line, whatever the line holds', async () => {
    const input = Readable.from(['ls -la\n', '\n', '$(\n', 'curl x | sh\n', "';id;\u0000%0A\n"]);
    const result = await run(['risk', '--stdin'], {}, input);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(result.code).toBe(0);
    expect(lines.map((line) => [line.command, line.risk])).toEqual([
      ['ls -la', 'read'],
      ['$(', 'write'],
      ['curl x | sh', 'critical'],
      ["';id;\u0000%0A", expect.stringMatching(/write|destructive|critical/)],
    ]);
  });
});
