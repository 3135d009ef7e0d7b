import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalService, userShell } from './terminal-service';

// Real shells in real PTYs (/bin/sh), as the Terminals pane gets them.

const services: TerminalService[] = [];
afterEach(() => services.splice(0).forEach((service) => service.dispose()));

function setup(options: { flow?: { high: number; low: number; stallResetMs?: number }; env?: NodeJS.ProcessEnv; redact?: (text: string) => string } = {}) {
  const output = new Map<string, string>();
  const exits = new Map<string, { exitCode: number; signal: number | null }>();
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'reign-term-')));
  const service = new TerminalService({
    env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/sh', PS1: '$ ', ...options.env },
    flow: options.flow,
    sink: { data: (id, data) => output.set(id, (output.get(id) ?? '') + data), exit: (id, exitCode, signal) => exits.set(id, { exitCode, signal }), ...(options.redact ? { redact: options.redact } : {}) },
  });
  services.push(service);
  return { service, output, exits, home };
}

const until = async (predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('TerminalService', () => {
  it('runs the shell in the chosen folder and streams what it prints', async () => {
    const { service, output, home } = setup();
    const folder = mkdtempSync(join(home, 'work-'));
    const { id, shell, cwd } = service.open({ cwd: folder, cols: 80, rows: 24 });
    expect({ shell, cwd }).toEqual({ shell: '/bin/sh', cwd: folder });
    service.input(id, 'echo "in:$(pwd)"\r');
    await until(() => output.get(id)?.includes(`in:${folder}`) ?? false, 'pwd output');
    expect(service.list()).toEqual([{ id, shell: '/bin/sh', cwd: folder, cols: 80, rows: 24, exit: null }]);
  });

  it('masks known secrets in what it sends to the windows', async () => {
    const { service, output } = setup({ redact: (text) => text.replaceAll('hunter2-secret', '[redacted]') });
    const { id } = service.open({ cols: 80, rows: 24 });
    service.input(id, 'printf "%s-%s\\n" hunter2 secret; echo done\r');
    await until(() => output.get(id)?.includes('done\r\n') ?? false, 'the output');
    expect(output.get(id)).toContain('[redacted]');
    expect(output.get(id)).not.toMatch(/hunter2-secret\r\n/);
  });

  it('opens in the home folder by default, and expands ~/', async () => {
    const { service, home } = setup();
    expect(service.open({ cols: 80, rows: 24 }).cwd).toBe(home);
    mkdtempSync(join(home, 'sub'));
    expect(service.open({ cwd: '~', cols: 80, rows: 24 }).cwd).toBe(home);
  });

  it('refuses a folder that does not exist, a file, or a relative path, saying which', () => {
    const { service, home } = setup();
    const file = join(home, 'notes.txt');
    writeFileSync(file, 'x');
    const problem = (cwd: string) => {
      try {
        service.open({ cwd, cols: 80, rows: 24 });
        return 'opened';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    };
    expect(problem(join(home, 'missing'))).toBe(`INVALID_CWD: Cannot open a terminal in "${join(home, 'missing')}": there is no such folder.`);
    expect(problem(file)).toBe(`INVALID_CWD: Cannot open a terminal in "${file}": it is a file, not a folder.`);
    expect(problem('relative/dir')).toMatch(/^INVALID_CWD: Cannot open a terminal in "relative\/dir": give a full path/);
    expect(service.list()).toEqual([]);
  });

  it('tells the shell its new size', async () => {
    const { service, output } = setup();
    const { id } = service.open({ cols: 80, rows: 24 });
    service.resize(id, 120, 40);
    service.input(id, 'stty size\r');
    await until(() => output.get(id)?.includes('40 120') ?? false, 'stty size');
    expect(service.list()[0]).toMatchObject({ cols: 120, rows: 40 });
  });

  it('reports the exit, keeps the session listed as exited, and refuses input to it', async () => {
    const { service, exits } = setup();
    const { id } = service.open({ cols: 80, rows: 24 });
    service.input(id, 'exit 3\r');
    await until(() => exits.has(id), 'exit');
    expect(exits.get(id)).toEqual({ exitCode: 3, signal: null });
    expect(service.list()[0]!.exit).toEqual({ exitCode: 3, signal: null });
    expect(() => service.input(id, 'ls\r')).toThrow(`Terminal ${id} has exited (code 3); open a new one.`);
    service.close(id);
    expect(() => service.input(id, 'ls\r')).toThrow(/There is no terminal/);
  });

  it('ends the shell on close and every shell on dispose', async () => {
    const { service, output } = setup();
    const ids = [service.open({ cols: 80, rows: 24 }).id, service.open({ cols: 80, rows: 24 }).id];
    const pids: number[] = [];
    for (const id of ids) {
      service.input(id, 'echo "pid=$$"\r');
      await until(() => /pid=\d+/.test(output.get(id) ?? ''), 'pid');
      pids.push(Number(/pid=(\d+)/.exec(output.get(id)!)![1]));
    }
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(pids.every(alive)).toBe(true);
    service.close(ids[0]!);
    await until(() => !alive(pids[0]!), 'the first shell to end');
    expect(alive(pids[1]!)).toBe(true);
    service.dispose();
    await until(() => !alive(pids[1]!), 'the second shell to end');
  });

  it('pauses a flood that is not acknowledged, and delivers all of it once it is', async () => {
    const { service, output } = setup({ flow: { high: 16 * 1024, low: 4 * 1024 } });
    const { id } = service.open({ cols: 80, rows: 24 });
    const total = 2_000_000;
    service.input(id, `head -c ${total} /dev/zero | tr '\\0' x; echo; echo END-$((6*7))\r`);
    await until(() => service.session(id)!.paused, 'the pause');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heldBack = output.get(id)!.length;
    // Nothing acknowledged: at most the high watermark plus what was already read goes out.
    expect(heldBack).toBeLessThan(16 * 1024 + 2 * 64 * 1024);
    let acked = 0;
    await until(
      () => {
        const sent = output.get(id)!.length;
        if (sent > acked) service.ack(id, sent - acked), (acked = sent);
        return output.get(id)!.includes('END-42');
      },
      'the whole flood',
      20_000,
    );
    expect(output.get(id)!.match(/x/g)!.length).toBeGreaterThanOrEqual(total);
  });

  it('takes $SHELL when it can be run, else bash, else sh', () => {
    expect(userShell({ SHELL: '/bin/sh' })).toBe('/bin/sh');
    expect(userShell({ SHELL: '/no/such/shell' })).toBe('/bin/bash');
    expect(userShell({})).toBe('/bin/bash');
  });

  it('says clearly when node-pty cannot be loaded', () => {
    const service = new TerminalService({
      env: { HOME: tmpdir() },
      sink: { data: () => {}, exit: () => {} },
      loadPty: () => {
        throw new Error('no prebuilt binary for this platform');
      },
    });
    expect(() => service.open({ cols: 80, rows: 24 })).toThrow('Terminals are not available: node-pty could not be loaded (no prebuilt binary for this platform).');
  });
});
