export interface WritableTerminal {
  write(data: string, callback?: () => void): void;
}

/**
 * Writes handed to xterm.js at once: one it is parsing and one queued behind it, so xterm never
 * waits for this writer, while everything else stays here to be joined into the next write.
 */
export const MAX_WRITES_IN_FLIGHT = 2;

/**
 * A write stops growing at this size. xterm.js parses a write without a break and renders a frame
 * between writes, so in a flood the number of frames follows the number of writes. A frame of the
 * DOM renderer (style, layout, paint, raster and compositing of every row) costs Chromium more CPU
 * than parsing the megabyte before it (renderer CPU profile and trace of
 * e2e/bench/terminal-throughput.bench.ts), so writes in a flood are large: 2 Mi characters parse
 * in about a tenth of a second, which is also how long a keystroke can wait during one. Each write
 * is acknowledged as soon as it is parsed; main's flow control watermarks (3 and 6 Mi characters)
 * leave room for two such writes in flight.
 */
export const WRITE_MAX_CHARS = 2 * 1024 * 1024;

/** A parsed write at least this large means output is flooding in rather than being typed or printed. */
export const FLOOD_WRITE_CHARS = 32 * 1024;

/**
 * In a flood, output is gathered for up to this long (or until WRITE_MAX_CHARS have come) before
 * the next write, so xterm.js draws about ten frames a second of scrolling nobody can read instead
 * of one after every small write; at 40 ms (25 frames a second) drawing took a third of Chromium's
 * CPU. xterm.js still has the other write in flight to parse meanwhile. Quiet output never waits.
 */
export const FLOOD_GATHER_MS = 100;

type Wait = (run: () => void, ms: number) => () => void;
const wait: Wait = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * Feeds output to xterm.js and acknowledges it once xterm has parsed it (its write callback), which
 * is what main's flow control waits for. Quiet output goes out on the next task, joined with
 * whatever came in the same burst; during a flood, what arrives while xterm parses is joined into
 * large writes, so the cost per character falls as the rate rises. Order is kept: pieces leave in
 * the order they came, whole.
 */
export class TerminalWriter {
  private pending: { data: string; acknowledge: boolean }[] = [];
  private pendingChars = 0;
  private pendingAck = 0;
  private writesInFlight = 0;
  private charsInFlight = 0;
  private scheduled = false;
  private stopGathering: (() => void) | null = null;
  private disposed = false;

  constructor(
    private readonly terminal: WritableTerminal,
    private readonly ack: (chars: number) => void,
    private readonly schedule: (flush: () => void) => void = (flush) => setTimeout(flush, 0),
    private readonly gatherFor: Wait = wait,
  ) {}

  /** `acknowledge: false` for text the view adds itself (an exit note): main never sent it. */
  push(data: string, acknowledge = true): void {
    if (this.disposed || !data) return;
    this.pending.push({ data, acknowledge });
    this.pendingChars += data.length;
    if (acknowledge) this.pendingAck += data.length;
    if (this.stopGathering) {
      if (this.pendingChars >= WRITE_MAX_CHARS) this.endGathering();
      return;
    }
    // While xterm has two writes, the next is formed when one of them is parsed.
    if (!this.scheduled && this.writesInFlight < MAX_WRITES_IN_FLIGHT) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        if (!this.stopGathering) this.flush();
      });
    }
  }

  /**
   * Stops writing. What was received but not yet parsed is acknowledged now: no view will parse
   * it, and a shell must not stay paused for output nobody is going to show.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopGathering?.();
    this.stopGathering = null;
    const owed = this.pendingAck + this.charsInFlight;
    this.pending = [];
    this.pendingChars = this.pendingAck = this.charsInFlight = 0;
    if (owed) this.ack(owed);
  }

  private flush(): void {
    while (!this.disposed && this.pending.length && this.writesInFlight < MAX_WRITES_IN_FLIGHT) this.writeNextGroup();
  }

  private endGathering(): void {
    this.stopGathering?.();
    this.stopGathering = null;
    this.flush();
  }

  /** Whole pieces from the front of the queue, up to WRITE_MAX_CHARS (a larger piece goes alone). */
  private writeNextGroup(): void {
    const group: string[] = [];
    let size = 0;
    let chars = 0;
    while (this.pending.length && (size === 0 || size + this.pending[0]!.data.length <= WRITE_MAX_CHARS)) {
      const piece = this.pending.shift()!;
      group.push(piece.data);
      size += piece.data.length;
      if (piece.acknowledge) chars += piece.data.length;
    }
    this.pendingChars -= size;
    this.pendingAck -= chars;
    this.writesInFlight += 1;
    this.charsInFlight += chars;
    this.terminal.write(group.length === 1 ? group[0]! : group.join(''), () => {
      if (this.disposed) return;
      this.writesInFlight -= 1;
      this.charsInFlight -= chars;
      if (chars) this.ack(chars);
      if (size >= FLOOD_WRITE_CHARS && this.pendingChars < WRITE_MAX_CHARS) {
        this.stopGathering ??= this.gatherFor(() => {
          this.stopGathering = null;
          this.flush();
        }, FLOOD_GATHER_MS);
        return;
      }
      // Straight from xterm's callback: it carries on parsing this in the same slice if time is left.
      if (!this.stopGathering) this.flush();
    });
  }
}
