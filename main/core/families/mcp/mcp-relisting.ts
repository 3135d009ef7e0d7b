/**
 * Lists a server's tools again when it says they changed, one listing at a time: a server that sends
 * `tools/list_changed` in a burst gets one listing running and at most one more queued (however many
 * notifications came meanwhile), and a listing that a newer notification made out of date is dropped
 * unseen (the queued one, which started after it, answers instead). A listing that fails keeps what
 * was committed before.
 */
export class Relisting<T> {
  private running: Promise<void> | null = null;
  private queued = false;
  private requests = 0;
  private stopped = false;

  constructor(
    private readonly list: () => Promise<T>,
    private readonly commit: (listed: T) => void,
  ) {}

  /** The server said its tools changed. Resolves when the listings this made necessary are done. */
  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.requests++;
    if (this.running) {
      this.queued = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No listing starts after this (the connection is closing); one running ends unseen. */
  stop(): void {
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    do {
      this.queued = false;
      const asOf = this.requests;
      let listed: T;
      try {
        listed = await this.list();
      } catch {
        continue;
      }
      if (this.stopped || asOf !== this.requests) continue;
      this.commit(listed);
    } while (this.queued && !this.stopped);
  }
}
