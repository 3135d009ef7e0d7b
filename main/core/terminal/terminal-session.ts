import type { TerminalSession as TerminalSessionInfo } from '../../../preload/contract';
import { FlowControl, type FlowControlOptions } from './flow-control';
import { OutputBatcher } from './output-batcher';
import type { Pty } from './pty-loader';
import { TerminalError } from './terminal-errors';

export interface TerminalSink {
  data(id: string, data: string): void;
  /**
   * Applied to each batch before it is counted and sent: known secrets are masked even in the
   * person's own terminal, since its output travels as events to every window.
   */
  redact?(text: string): string;
  exit(id: string, exitCode: number, signal: number | null): void;
}

/** One shell in a PTY: its output batched and flow-controlled on the way out, its input and size on the way in. */
export class TerminalSession {
  private exitStatus: TerminalSessionInfo['exit'] = null;
  private readonly batcher: OutputBatcher;
  private readonly flow: FlowControl;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    readonly id: string,
    readonly shell: string,
    readonly cwd: string,
    private readonly pty: Pty,
    sink: TerminalSink,
    flowOptions: FlowControlOptions = {},
  ) {
    this.flow = new FlowControl(pty, flowOptions);
    this.batcher = new OutputBatcher({
      flush: (batch) => {
        // Counted after masking, so acknowledgements (of what the renderer received) match.
        const data = sink.redact ? sink.redact(batch) : batch;
        this.flow.sent(data.length);
        sink.data(id, data);
      },
    });
    this.subscriptions = [
      pty.onData((data) => this.batcher.push(data)),
      pty.onExit(({ exitCode, signal }) => {
        // Output read before the exit goes out first, so the last lines are never lost.
        this.batcher.flush();
        this.exitStatus = { exitCode, signal: signal || null };
        this.flow.dispose();
        sink.exit(id, exitCode, signal || null);
      }),
    ];
  }

  get exit(): TerminalSessionInfo['exit'] {
    return this.exitStatus;
  }

  /** Characters sent and not yet acknowledged; for tests and diagnostics. */
  get unacknowledged(): number {
    return this.flow.pending;
  }

  get paused(): boolean {
    return this.flow.isPaused;
  }

  info(): TerminalSessionInfo {
    return { id: this.id, shell: this.shell, cwd: this.cwd, cols: this.pty.cols, rows: this.pty.rows, exit: this.exitStatus };
  }

  input(data: string): void {
    this.requireRunning();
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    // Resizing an exited PTY throws in node-pty; the view may still report its size, which is harmless.
    if (this.exitStatus) return;
    this.pty.resize(cols, rows);
  }

  ack(chars: number): void {
    this.flow.ack(chars);
  }

  /** Ends the shell (SIGHUP, as closing a terminal window does) and stops every timer. */
  dispose(): void {
    this.batcher.dispose();
    this.flow.dispose();
    if (!this.exitStatus) {
      try {
        this.pty.kill('SIGHUP');
      } catch {
        // Already gone between its exit and our noticing: nothing left to end.
      }
    }
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private requireRunning(): void {
    if (this.exitStatus) throw new TerminalError('TERMINAL_EXITED', `Terminal ${this.id} has exited (code ${this.exitStatus.exitCode}); open a new one.`);
  }
}
