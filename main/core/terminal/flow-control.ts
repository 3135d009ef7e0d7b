/**
 * Watermarks, in characters of output sent to renderers and not yet acknowledged as written by
 * xterm.js (https://xtermjs.org/docs/guides/flowcontrol/).
 *
 * High: 1 MiB. xterm.js parses in ~12 ms slices, tens of MB/s on an ordinary machine, so the pipe
 * must hold a few hundred KB (one slice plus a transport round trip) to keep it busy; four times
 * that keeps throughput at its ceiling, while what is queued still drains in well under 100 ms, so
 * Ctrl+C on a flood takes effect at once and neither side buffers without bound.
 * Low: 256 KiB. Resuming while a quarter is still in flight means the renderer never runs dry
 * waiting for the shell to wake up.
 */
export const HIGH_WATERMARK = 1024 * 1024;
export const LOW_WATERMARK = 256 * 1024;
/**
 * Events are fire-and-forget: output sent to a connection that then dropped is never acknowledged.
 * A shell paused this long without a single acknowledgement is resumed and the count forgotten,
 * rather than frozen forever.
 */
export const STALL_RESET_MS = 5000;

export interface Pausable {
  pause(): void;
  resume(): void;
}

export interface FlowControlOptions {
  readonly high?: number;
  readonly low?: number;
  readonly stallResetMs?: number;
}

/** Pauses a PTY when its output runs too far ahead of what the terminal emulator has processed. */
export class FlowControl {
  private unacked = 0;
  private paused = false;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly high: number;
  private readonly low: number;
  private readonly stallResetMs: number;

  constructor(
    private readonly target: Pausable,
    options: FlowControlOptions = {},
  ) {
    this.high = options.high ?? HIGH_WATERMARK;
    this.low = options.low ?? LOW_WATERMARK;
    this.stallResetMs = options.stallResetMs ?? STALL_RESET_MS;
    if (!(this.low < this.high)) throw new Error(`The low watermark (${this.low}) must be below the high one (${this.high}).`);
  }

  /** Output of this many characters went out. */
  sent(chars: number): void {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.target.pause();
      this.armStallTimer();
    }
  }

  /** A renderer wrote this many characters. Two windows may both acknowledge the same output, so the count never goes below zero. */
  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (!this.paused) return;
    if (this.unacked < this.low) this.resume();
    else this.armStallTimer();
  }

  get pending(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  dispose(): void {
    clearTimeout(this.stallTimer);
  }

  private resume(): void {
    clearTimeout(this.stallTimer);
    this.paused = false;
    this.target.resume();
  }

  private armStallTimer(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.unacked = 0;
      this.resume();
    }, this.stallResetMs);
  }
}
