/**
 * Watermarks, in characters of output sent to renderers and not yet acknowledged as written by
 * xterm.js (https://xtermjs.org/docs/guides/flowcontrol/).
 *
 * High: 6 MiB. Below it the shell runs freely; above it, it waits for the terminal to catch up, so
 * neither main, the transport nor xterm.js (which drops writes beyond 50 MB queued) buffers without
 * bound, and a keystroke's echo or Ctrl+C on a flood shows within what is queued ahead of it (6 MiB:
 * a few tenths of a second at the rate xterm.js parses on a loaded machine; 16 MiB took about a second).
 * Low: 3 MiB. In a flood the renderer joins output into writes of up to 2 MiB, acknowledged once
 * parsed, with two in flight; resuming while 3 MiB is still queued covers those and a full resume
 * round trip (ack → main → PTY read → batch → transport → renderer task), which stretches to tens
 * of ms when CPUs are busy, so xterm.js never runs dry.
 * Measured with e2e/bench/terminal-throughput.bench.ts on a loaded two-core machine.
 */
export const HIGH_WATERMARK = 6 * 1024 * 1024;
export const LOW_WATERMARK = 3 * 1024 * 1024;
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
