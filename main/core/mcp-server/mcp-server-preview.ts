import type { Preview } from '../tools/tool-definition';

/** How much of a preview a proposal keeps, bounded for the table; a longer one cannot be approved (see isCut). */
const PREVIEW_SHOWN = 64_000;

/** A step's preview as text for a person at a terminal (the plan graph renders the structured one). */
export function previewText(preview: Preview): string {
  const text =
    preview.kind === 'text'
      ? preview.text
      : preview.kind === 'file'
        ? `${preview.before === null ? 'creates' : preview.after === null ? 'deletes' : 'replaces'} ${preview.path}${preview.after === null ? '' : `:\n${preview.after}`}`
        : JSON.stringify(preview, null, 2);
  return text.length > PREVIEW_SHOWN ? `${text.slice(0, PREVIEW_SHOWN)}\n… (${text.length - PREVIEW_SHOWN} more characters)` : text;
}

/** Whether a proposal's input or preview was cut to be kept: then it was never shown in full, and cannot be approved. */
export const isCut = (shown: string): boolean => /… \(\d+ more characters\)$/.test(shown);
