export interface WritableTerminal {
  write(data: string, callback?: () => void): void;
}

/**
 * Feeds output to xterm.js and acknowledges it once xterm has parsed it (its write callback), which
 * is what main's flow control waits for. Output arriving in the same task burst is joined into one
 * write, so a flood costs one callback and one ack per batch, not per message.
 */
export class TerminalWriter {
  private pending: string[] = [];
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
    this.pending.push(data);
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
    if (this.disposed || !this.pending.length) return;
    const data = this.pending.join('');
    const chars = this.pendingAck;
    this.pending = [];
    this.pendingAck = 0;
    this.inFlight += chars;
    this.terminal.write(data, () => {
      if (this.disposed) return;
      this.inFlight -= chars;
      if (chars) this.ack(chars);
    });
  }
}
