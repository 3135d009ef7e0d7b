/** How long output is held to coalesce with what follows, in ms (VS Code's terminal buffers for 5 ms too). */
export const BATCH_DELAY_MS = 5;
/** The most one event carries, in characters: big enough for throughput, small enough that one message never stalls the others. */
export const BATCH_MAX_CHARS = 64 * 1024;

export interface OutputBatcherOptions {
  readonly flush: (data: string) => void;
  readonly delayMs?: number;
  readonly maxChars?: number;
}

/**
 * Coalesces a PTY's many small reads into few events: one message per read would cost a JSON
 * envelope, an IPC/WebSocket frame and a renderer task each, which is what makes a chatty
 * command freeze a UI. Flushes after `delayMs` or as soon as `maxChars` have gathered.
 */
export class OutputBatcher {
  private parts: string[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly delayMs: number;
  private readonly maxChars: number;

  constructor(private readonly options: OutputBatcherOptions) {
    this.delayMs = options.delayMs ?? BATCH_DELAY_MS;
    this.maxChars = options.maxChars ?? BATCH_MAX_CHARS;
  }

  push(data: string): void {
    if (!data) return;
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends what is held now, in pieces of at most maxChars. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.size) return;
    let data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    while (data.length > this.maxChars) {
      const cut = splitPoint(data, this.maxChars);
      this.options.flush(data.slice(0, cut));
      data = data.slice(cut);
    }
    this.options.flush(data);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Never cut between the two halves of a surrogate pair (an emoji would arrive as two broken characters). */
function splitPoint(data: string, at: number): number {
  const code = data.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
