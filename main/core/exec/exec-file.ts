import { spawn } from 'node:child_process';

export interface ExecOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Text sent to standard input, which is then closed. Without it, stdin is closed at once. */
  readonly input?: string;
  /** Called with each chunk as it arrives, for streaming into a terminal or a log. */
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
  /** Output kept in the result beyond this is dropped from the middle (streaming still sees all). */
  readonly maxBufferBytes?: number;
}

export type ExecErrorKind = 'not-found' | 'exit' | 'timeout' | 'aborted' | 'spawn';

export interface ExecError {
  readonly kind: ExecErrorKind;
  readonly message: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type ExecResult =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string; readonly exitCode: 0 }
  | { readonly ok: false; readonly error: ExecError };

const DEFAULT_MAX_BUFFER = 4 * 1024 * 1024;

/**
 * Runs a program with an argument array (never a shell string). Stops the whole process group
 * on timeout or abort. Failure is a result, with the exit code and stderr, not an exception.
 */
export function execFile(file: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const command = [file, ...args].join(' ');
  const maxBuffer = options.maxBufferBytes ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve) => {
    const fail = (kind: ExecErrorKind, message: string, extra: Partial<ExecError> = {}): void =>
      resolve({ ok: false, error: { kind, message, command, exitCode: null, signal: null, stdout: stdout.text(), stderr: stderr.text(), ...extra } });
    const stdout = boundedText(maxBuffer);
    const stderr = boundedText(maxBuffer);

    if (options.signal?.aborted) return fail('aborted', `${file} was cancelled before it started`);

    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout or cancel can stop everything it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });

    let stoppedBecause: 'timeout' | 'aborted' | null = null;
    const stop = (reason: 'timeout' | 'aborted'): void => {
      if (stoppedBecause) return;
      stoppedBecause = reason;
      killTree(child.pid, 'SIGTERM');
      setTimeout(() => killTree(child.pid, 'SIGKILL'), 2000).unref();
    };
    const timer = options.timeoutMs ? setTimeout(() => stop('timeout'), options.timeoutMs) : null;
    const onAbort = (): void => stop('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
      options.onStderr?.(chunk);
    });
    child.stdin.on('error', () => {}); // A program that exits without reading its input is not an error.
    child.stdin.end(options.input ?? '');

    const cleanup = (): void => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      if (error.code === 'ENOENT') fail('not-found', `${file} was not found on PATH`);
      else fail('spawn', `${file} could not be started: ${error.message}`);
    });
    child.on('close', (exitCode, signal) => {
      cleanup();
      if (stoppedBecause === 'timeout') return fail('timeout', `${file} did not finish within ${options.timeoutMs} ms and was stopped`, { signal });
      if (stoppedBecause === 'aborted') return fail('aborted', `${file} was cancelled`, { signal });
      if (exitCode === 0) return resolve({ ok: true, stdout: stdout.text(), stderr: stderr.text(), exitCode: 0 });
      const reason = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
      const firstLine = stderr.text().trim().split('\n')[0];
      fail('exit', `${file} ${reason}${firstLine ? `: ${firstLine}` : ''}`, { exitCode, signal });
    });
  });
}

function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    if (process.platform === 'win32') process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Keeps the head and the tail of long output, saying how much was cut. */
function boundedText(max: number): { push(chunk: string): void; text(): string } {
  let head = '';
  let tail = '';
  let dropped = 0;
  return {
    push(chunk) {
      if (head.length < max / 2) {
        const room = max / 2 - head.length;
        head += chunk.slice(0, room);
        chunk = chunk.slice(room);
      }
      if (!chunk) return;
      tail += chunk;
      if (tail.length > max / 2) {
        dropped += tail.length - max / 2;
        tail = tail.slice(tail.length - max / 2);
      }
    },
    text() {
      return dropped ? `${head}\n… ${dropped} characters cut …\n${tail}` : head + tail;
    },
  };
}
