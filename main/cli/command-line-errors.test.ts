import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './reign';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const home = mkdtempSync(join(tmpdir(), 'reign-cli-args-'));
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data') } });
  return { code, stdout, stderr };
}

describe('reign command-line mistakes', () => {
  it('names an unknown option, suggests the one meant and where the options are listed, with exit 2', async () => {
    expect(await run(['doctor', '--jsn'])).toEqual({ code: 2, stdout: '', stderr: "reign doctor: unknown option --jsn (did you mean --json?)\nRun 'reign doctor --help' for the options.\n" });
    expect((await run(['serve', '--prot', '8080'])).stderr).toMatch(/^reign serve: unknown option --prot \(did you mean --port\?\)\n/);
    expect((await run(['serve', '--work', '.'])).stderr).toMatch(/unknown option --work \(did you mean --workspace\?\)/);
    // Half of a short name changed is another word, not a typo: no suggestion.
    expect((await run(['mcp', '--host', '0.0.0.0'])).stderr).toMatch(/^reign mcp: unknown option --host\nRun 'reign mcp --help'/);
  });

  it("never shows Node's parser text (no positional hint, no unclosed quote)", async () => {
    for (const args of [['doctor', '-r'], ['doctor', '--jsn'], ['serve', '--port'], ['doctor', '--json=yes'], ['--frobnicate']]) {
      const { code, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stderr).not.toMatch(/positional|To specify|'-- "/);
      expect(stderr).toMatch(/Run 'reign( doctor| serve)? --help' for the options\.\n$/);
    }
    expect((await run(['doctor', '-r'])).stderr).toBe("reign doctor: unknown option -r\nRun 'reign doctor --help' for the options.\n");
    expect((await run(['--frobnicate'])).stderr).toBe("reign: unknown option --frobnicate\nRun 'reign --help' for the options.\n");
  });

  it('says which options need a value and which take none', async () => {
    expect((await run(['serve', '--port'])).stderr).toMatch(/^reign serve: --port needs a value \(--port VALUE\)\n/);
    expect((await run(['doctor', '--json=yes'])).stderr).toMatch(/^reign doctor: --json takes no value \(write --json alone\)\n/);
    expect((await run(['serve', '--port', '--open'])).stderr).toMatch(/^reign serve: --port needs a value, and the next word starts with a dash/);
  });

  it("says where a misplaced option belongs, and how to pass a command line to classify", async () => {
    expect((await run(['doctor', '--runs', '3'])).stderr).toMatch(/^reign doctor: unknown option --runs \(--runs is an option of 'reign eval'\)\n/);
    expect((await run(['risk', 'rm', '-rf', '/tmp/a b'])).stderr).toBe("reign risk: unknown option -r; to classify a command line, put it after --: reign risk -- rm -rf '/tmp/a b'\nRun 'reign risk --help' for the options.\n");
  });

  it("prints a command's own lines for 'reign COMMAND --help', which the hint points to", async () => {
    const doctor = await run(['doctor', '--help']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^Usage:\n {2}reign doctor \[--json\]/);
    expect(doctor.stdout).not.toMatch(/reign serve/);
    const serve = await run(['serve', '--help']);
    expect(serve.stdout).toMatch(/reign serve \[--port N\] \[--open\][\s\S]*--workspace DIR/);
    expect((await run(['--help'])).stdout).toMatch(/reign serve[\s\S]*reign doctor/);
  });
});
