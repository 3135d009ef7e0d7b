import { spawn } from 'node:child_process';

export interface ScriptRun {
  readonly passed: boolean;
  readonly status: number | null;
  /** Stopped at the deadline (counted as not passed). */
  readonly timedOut: boolean;
  readonly seconds: number;
  /** The script's stdout and stderr together, the tail kept when it is long. */
  readonly output: string;
}

const OUTPUT_KEPT = 64 * 1024;

/**
 * Runs one of a task's scripts with bash in the task's folder, as k8s-ai-bench does. At the
 * deadline or on abort the script's whole process group is stopped (a verifier's `kubectl wait`
 * or a setup's background job must not outlive it).
 */
export function runTaskScript(dir: string, script: string, env: NodeJS.ProcessEnv, deadlineMs: number, signal?: AbortSignal): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', [script], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (chunk: string): void => {
      output += chunk;
      if (output.length > OUTPUT_KEPT * 2) output = output.slice(-OUTPUT_KEPT);
    };
    child.stdout!.setEncoding('utf8').on('data', keep);
    child.stderr!.setEncoding('utf8').on('data', keep);
    const stop = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, deadlineMs);
    signal?.addEventListener('abort', stop, { once: true });
    child.on('error', (error) => keep(`could not start bash: ${error.message}\n`));
    child.on('close', (status) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      resolve({ passed: status === 0 && !timedOut, status, timedOut, seconds: (Date.now() - started) / 1000, output: output.length > OUTPUT_KEPT ? output.slice(-OUTPUT_KEPT) : output });
    });
  });
}
