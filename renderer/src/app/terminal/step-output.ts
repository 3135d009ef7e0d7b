/** What a step's output view has written so far: how many chunks, and the last one (to notice a new list). */
export interface WrittenChunks {
  readonly count: number;
  readonly last: string | undefined;
}

export type StepOutputWrite = { readonly reset: boolean; readonly data: string; readonly written: WrittenChunks };

/**
 * Decides what to write for a growing list of output chunks: only the chunks after those already
 * written. A list that does not extend what was written (another step, a re-run) starts over.
 */
export function planStepOutputWrite(written: WrittenChunks, chunks: readonly string[]): StepOutputWrite {
  const extendsWritten = chunks.length >= written.count && (written.count === 0 || chunks[written.count - 1] === written.last);
  const from = extendsWritten ? written.count : 0;
  return { reset: !extendsWritten, data: chunks.slice(from).join(''), written: { count: chunks.length, last: chunks.at(-1) } };
}
