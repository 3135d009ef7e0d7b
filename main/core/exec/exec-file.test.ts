import { describe, expect, it } from 'vitest';
import { processAlive as alive } from '../../../e2e/fixtures/processes';
import { execFile } from './exec-file';


describe('execFile', () => {
  it('returns output of a successful run', async () => {
    const result = await execFile('sh', ['-c', 'echo out; echo err >&2'], {});
    expect(result).toEqual({ ok: true, stdout: 'out\n', stderr: 'err\n', exitCode: 0 });
  });

  it('passes arguments as they are, with no shell in between', async () => {
    const result = await execFile('printf', ['%s|', '$HOME', '; rm -rf /', '`id`']);
    expect(result).toMatchObject({ ok: true, stdout: '$HOME|; rm -rf /|`id`|' });
  });

  it('reports a non-zero exit with its code and the first line of stderr', async () => {
    const result = await execFile('sh', ['-c', 'echo "no such thing" >&2; exit 3']);
    expect(result).toMatchObject({ ok: false, error: { kind: 'exit', exitCode: 3, stderr: 'no such thing\n', message: 'sh exited with code 3: no such thing' } });
  });

  it('reports a program that is not installed', async () => {
    expect(await execFile('reign-no-such-program', [])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('stops the whole process group on timeout, grandchildren included', async () => {
    const started = Date.now();
    const result = await execFile('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(5000);
    const grandchild = Number((result as { error: { stdout: string } }).error.stdout.trim());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await execFile('sleep', ['30'], { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('streams chunks as they arrive and keeps head and tail of very long output', async () => {
    const chunks: string[] = [];
    const result = await execFile('sh', ['-c', 'head -c 300000 /dev/zero | tr "\\0" a; echo END'], { maxBufferBytes: 1000, onStdout: (chunk) => chunks.push(chunk) });
    expect(chunks.join('').length).toBe(300_004);
    expect(result.ok && result.stdout).toMatch(/^a{500}\n… \d+ characters cut …\n.*END\n$/s);
  });
});
