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
    description: 'Output of a terminal, coalesced in main (a few ms, up to 64 Ki characters); over the reign serve WebSocket it comes as a binary frame (TERMINAL_DATA_FRAME). Acknowledge it with terminal.ack once written.',
    payload: z.object({ id: z.string(), data: z.string() }),
  }),
  'terminal.exit': defineEvent({
    description: "A terminal's shell ended; the session stays listed (as exited) until closed.",
    payload: z.object({ id: z.string(), exitCode: z.number().int(), signal: z.number().int().nullable() }),
  }),
} as const;

/**
 * Over the `reign serve` WebSocket, terminal.data travels as a binary frame instead of a JSON event:
 * a flood is tens of MB, and JSON-escaping it in main, then decoding the WebSocket text and
 * JSON-parsing it in the page, cost the browser more than xterm.js's own parsing
 * (e2e/bench/terminal-throughput.bench.ts). Every other event, and the Electron IPC, stay as they
 * are; the page turns the frame back into the same { id, data } payload.
 *
 * Layout: byte 0 is TERMINAL_DATA_FRAME, byte 1 the length n of the terminal id in bytes, then the
 * id (UTF-8), then the output (UTF-8) to the end of the frame.
 */
export const TERMINAL_DATA_FRAME = 1;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // a U+FEFF the shell printed is output, not a marker to strip

/**
 * The binary frame carrying one terminal.data payload. `utf8` is the output already encoded (main
 * passes Node's Buffer.from, which is faster than TextEncoder); by default it is encoded here.
 */
export function encodeTerminalDataFrame(payload: { id: string; data: string }, utf8: Uint8Array = utf8Encoder.encode(payload.data)): Uint8Array {
  const id = utf8Encoder.encode(payload.id);
  if (id.length > 255) throw new Error(`Terminal id "${payload.id.slice(0, 20)}…" is longer than 255 bytes and cannot be framed.`);
  const frame = new Uint8Array(2 + id.length + utf8.length);
  frame[0] = TERMINAL_DATA_FRAME;
  frame[1] = id.length;
  frame.set(id, 2);
  frame.set(utf8, 2 + id.length);
  return frame;
}

/** The payload of a frame made by encodeTerminalDataFrame; null for a frame of another kind or one cut short. */
export function decodeTerminalDataFrame(frame: Uint8Array): { id: string; data: string } | null {
  if (frame.length < 2 || frame[0] !== TERMINAL_DATA_FRAME || frame.length < 2 + frame[1]!) return null;
  const idEnd = 2 + frame[1]!;
  return { id: utf8Decoder.decode(frame.subarray(2, idEnd)), data: utf8Decoder.decode(frame.subarray(idEnd)) };
}
