import type { Redactor } from '../audit/redactor';
import { StreamRedactor } from '../audit/stream-redactor';
import type { RunEvent } from '../plan/run-events';

/**
 * Step output arrives in chunks, and a token split over two chunks would pass the redactor in both
 * halves: each step's streams are redacted as streams (the unfinished word held back), and what is
 * held is let out when the step finishes, before its end event, so the journal and every listener
 * see the same redacted text in order.
 */
export class StepOutputRedaction {
  private readonly streams = new Map<string, StreamRedactor>();

  constructor(private readonly redactor: Redactor) {}

  /** The events to journal and pass on in place of this one (none while a chunk is held back). */
  apply(event: RunEvent): RunEvent[] {
    if (event.type === 'step.output') {
      const key = `${event.runId}\0${event.step}\0${event.stream}`;
      let stream = this.streams.get(key);
      if (!stream) this.streams.set(key, (stream = new StreamRedactor(this.redactor)));
      const text = stream.push(event.text);
      return text ? [{ ...event, text }] : [];
    }
    const ends = event.type === 'step.finished' || event.type === 'step.skipped' || event.type === 'run.finished';
    if (!ends) return [event];
    const prefix = event.type === 'run.finished' ? `${event.runId}\0` : `${event.runId}\0${event.step}\0`;
    const rest: RunEvent[] = [];
    for (const [key, stream] of this.streams) {
      if (!key.startsWith(prefix)) continue;
      this.streams.delete(key);
      const text = stream.flush();
      const [runId, step, kind] = key.split('\0') as [string, string, 'stdout' | 'stderr' | 'info'];
      if (text) rest.push({ type: 'step.output', runId, step, stream: kind, text });
    }
    return [...rest, event];
  }
}
