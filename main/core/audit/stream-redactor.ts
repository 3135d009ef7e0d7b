import type { Redactor } from './redactor';

/**
 * Redacts text that arrives in pieces (a model's streamed answer): a token split over two pieces
 * would pass the redactor in both halves, so the tail that could still be part of one is held back
 * until more arrives or the stream ends. Tokens hold no white space, so the text is shown up to the
 * last white space — never right after `key=`/`key:`, never inside a private key block (held to its
 * END line) — and words appear as soon as they are complete.
 */
export class StreamRedactor {
  private pending = '';

  constructor(
    private readonly redactor: Redactor,
    /** Characters always held back besides the unfinished word (tests use it to force long holds). */
    private readonly holdBack = 0,
  ) {}

  /** The text that is safe to show now. */
  push(chunk: string): string {
    this.pending += chunk;
    let cut = safeCut(this.pending, this.pending.length - this.holdBack);
    // Never inside a private key block (from BEGIN to its END line, or to the end of what arrived).
    // (From `-----BEGIN` on: its words arrive one by one, and the marker is only whole at the end of its line.)
    for (const begin of this.pending.matchAll(/-----BEGIN/g)) {
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

/**
 * The last position at or before `from` that follows white space not closing a `key=`/`key:`
 * (0 if none). One backward scan: a long run without white space must not cost a pass per character.
 */
function safeCut(text: string, from: number): number {
  for (let cut = from; cut > 0; cut--) {
    if (!/\s/.test(text[cut - 1]!)) continue;
    let before = cut - 1;
    while (before > 0 && /\s/.test(text[before - 1]!)) before--;
    if (before === 0 || !/[=:]/.test(text[before - 1]!)) return cut;
    cut = before;
  }
  return 0;
}
