export interface WritableTerminal {
  write(data: string, callback?: () => void): void;
}

/**
 * Joined writes stop growing at this size. Acknowledgements are what let main resume a paused
 * shell; one ack for a megabyte that arrived while the page was busy would only come once all of
 * it was parsed, draining the pipe before it refills. Acking every ~64 Ki keeps it flowing.
 */
export const WRITE_GROUP_CHARS = 64 * 1024;

/**
 * Feeds output to xterm.js and acknowledges it once xterm has parsed it (its write callback), which
 * is what main's flow control waits for. Small pieces arriving in the same task burst are joined
 * into one write, so chatty output costs few callbacks and acks.
 */
export class TerminalWriter {
  private pending: { data: string; acknowledge: boolean }[] = [];
  private pendingAck = 0;
  private inFlight = 0;
  private scheduled = false;
  private disposed = false;

  constructor(
    private readonly terminal: WritableTerminal,
    private readonly ack: (chars: number) => void,
    private readonly schedule: (flush: () => void) => void = (flush) => setTimeout(flush, 0),
  ) {}

  /** `acknowledge: false` for text the view adds itself (an exit note): main never sent it. */
  push(data: string, acknowledge = true): void {
    if (this.disposed || !data) return;
    this.pending.push({ data, acknowledge });
    if (acknowledge) this.pendingAck += data.length;
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /**
   * Stops writing. What was received but not yet parsed is acknowledged now: no view will parse
   * it, and a shell must not stay paused for output nobody is going to show.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const owed = this.pendingAck + this.inFlight;
    this.pending = [];
    this.pendingAck = this.inFlight = 0;
    if (owed) this.ack(owed);
  }

  private flush(): void {
    this.scheduled = false;
    if (this.disposed) return;
    const pieces = this.pending;
    this.pending = [];
    this.pendingAck = 0;
    let group: string[] = [];
    let size = 0;
    let chars = 0;
    for (const [index, piece] of pieces.entries()) {
      group.push(piece.data);
      size += piece.data.length;
      if (piece.acknowledge) chars += piece.data.length;
      if (size >= WRITE_GROUP_CHARS || index === pieces.length - 1) {
        this.write(group.join(''), chars);
        group = [];
        size = chars = 0;
      }
    }
  }

  private write(data: string, chars: number): void {
    this.inFlight += chars;
    this.terminal.write(data, () => {
      if (this.disposed) return;
      this.inFlight -= chars;
      if (chars) this.ack(chars);
    });
  }
}
