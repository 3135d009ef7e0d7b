import { z } from 'zod';
import { defineCommand, defineEvent } from './define';

/**
 * The largest piece of input one `terminal.input` carries, in characters. JSON can escape a control
 * character into six bytes, so 64 Ki characters stay well under the wire's 1 MiB message limit;
 * the renderer sends a larger paste as several pieces, in order.
 */
export const TERMINAL_INPUT_MAX_CHARS = 64 * 1024;

const TerminalId = z.string().min(1).max(100);
const Cols = z.number().int().min(2, 'A terminal needs at least 2 columns').max(1000, 'A terminal can have at most 1000 columns');
const Rows = z.number().int().min(1, 'A terminal needs at least 1 row').max(500, 'A terminal can have at most 500 rows');
const Ok = z.object({});

export const TerminalExitSchema = z.object({ exitCode: z.number().int(), signal: z.number().int().nullable() });

export const TerminalSessionSchema = z.object({
  id: z.string(),
  shell: z.string(),
  cwd: z.string(),
  cols: z.number(),
  rows: z.number(),
  /** Null while the shell runs; its exit once it has ended (the session stays listed until closed). */
  exit: TerminalExitSchema.nullable(),
});
export type TerminalSession = z.infer<typeof TerminalSessionSchema>;

export const terminalCommands = {
  'terminal.open': defineCommand({
    description: "Start the user's shell in a pseudo-terminal, in a folder (default: the home folder). Output arrives as terminal.data events.",
    request: z.object({ cwd: z.string().trim().min(1).max(4096).optional(), cols: Cols, rows: Rows }).strict(),
    response: z.object({ id: z.string(), shell: z.string(), cwd: z.string() }),
  }),
  'terminal.input': defineCommand({
    description: 'Keystrokes or pasted text for a terminal, as the terminal emulator produced them.',
    request: z.object({ id: TerminalId, data: z.string().min(1).max(TERMINAL_INPUT_MAX_CHARS, `Send at most ${TERMINAL_INPUT_MAX_CHARS} characters at a time`) }).strict(),
    response: Ok,
  }),
  'terminal.resize': defineCommand({
    description: "Tell the shell its terminal's new size.",
    request: z.object({ id: TerminalId, cols: Cols, rows: Rows }).strict(),
    response: Ok,
  }),
  'terminal.close': defineCommand({
    description: 'End the shell (if still running) and forget the session.',
    request: z.object({ id: TerminalId }).strict(),
    response: z.object({ closed: z.literal(true) }),
  }),
  'terminal.ack': defineCommand({
    description:
      'Flow control: this many characters of terminal.data have been processed by the terminal emulator. Main pauses a shell whose output runs too far ahead of its acknowledgements.',
    request: z.object({ id: TerminalId, bytes: z.number().int().min(1).max(1_000_000_000) }).strict(),
    response: Ok,
  }),
  'terminal.list': defineCommand({
    description: 'The terminal sessions main holds, and the folder a new one starts in by default.',
    request: z.object({}).strict(),
    response: z.object({ sessions: z.array(TerminalSessionSchema), defaultCwd: z.string() }),
  }),
} as const;

export const terminalEvents = {
  'terminal.data': defineEvent({
    description: 'Output of a terminal, coalesced in main (a few ms, up to 64 Ki characters). Acknowledge it with terminal.ack once written.',
    payload: z.object({ id: z.string(), data: z.string() }),
  }),
  'terminal.exit': defineEvent({
    description: "A terminal's shell ended; the session stays listed (as exited) until closed.",
    payload: z.object({ id: z.string(), exitCode: z.number().int(), signal: z.number().int().nullable() }),
  }),
} as const;
