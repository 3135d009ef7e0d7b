import type { Redactor } from './redactor';

/**
 * Redacts text that arrives in pieces (a model's streamed answer): a token split over two pieces
 * would pass the redactor in both halves, so the tail that could still be the start of one is held
 * back until more arrives or the stream ends. Cuts fall on white space (tokens have none), never
 * right after `key=`/`key:`, and a private key block is held until its END line.
 */
export class StreamRedactor {
  private pending = '';

  constructor(
    private readonly redactor: Redactor,
    /** Longer than any token format the redactor knows. */
    private readonly holdBack = 256,
  ) {}

  /** The text that is safe to show now. */
  push(chunk: string): string {
    this.pending += chunk;
    let cut = this.pending.length - this.holdBack;
    while (cut > 0 && !(/\s/.test(this.pending[cut - 1]!) && !/[=:]\s*$/.test(this.pending.slice(0, cut)))) cut--;
    // Never inside a private key block (from BEGIN to its END line, or to the end of what arrived).
    for (const begin of this.pending.matchAll(/-----BEGIN [A-Z ]*PRIVATE KEY-----/g)) {
      const end = /-----END [A-Z ]*PRIVATE KEY-----/.exec(this.pending.slice(begin.index));
      const blockEnd = end ? begin.index + end.index + end[0].length : Infinity;
      if (begin.index < cut && cut < blockEnd) cut = begin.index;
    }
    if (cut <= 0) return '';
    const safe = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return this.redactor.redact(safe);
  }

  /** The rest, at the end of the stream. */
  flush(): string {
    const rest = this.redactor.redact(this.pending);
    this.pending = '';
    return rest;
  }
}
