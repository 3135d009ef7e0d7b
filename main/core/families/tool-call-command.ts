import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { readNow } from '../plan/read-now';
import { toolContext } from '../tools/tool-definition';
import type { FamilyCommandContext } from './family-command';

// What every family's `reign <family> ACTION …` shares: a command line stands for one tool call,
// a read printed at once (through the policy), anything else a one-step plan with --approve.

/** One tool call a command line stands for; reads print their output, everything else runs as a plan. */
export interface Call {
  readonly tool: string;
  readonly input: Record<string, unknown>;
  readonly read: boolean;
  /** How a read's output is shown to a person (JSON with --json). */
  readonly print?: (output: Record<string, unknown>) => string;
}

/** Rows as aligned columns, the first row the header, as kubectl prints them. */
export const table = (rows: readonly (readonly string[])[]): string => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('   ')).join('\n')}\n`;
};

/** A read's output for a person: its text when it has one field of text, else YAML. */
const asText = (output: Record<string, unknown>): string => {
  const texts = Object.values(output).filter((value) => typeof value === 'string') as string[];
  if (texts.length === 1 && Object.keys(output).length <= 2) return texts[0]!.endsWith('\n') ? texts[0]! : `${texts[0]}\n`;
  return stringify(output);
};

/** Runs a call: a read through the policy (printed), anything else as a one-step plan with this command line's --approve. */
export async function runCall(cx: FamilyCommandContext, command: string, call: Call): Promise<number> {
  const io = cx.io;
  if (!cx.tools.get(call.tool)) {
    io.stderr(`reign ${command}: this build of Reign has no ${call.tool} tool yet.\n`);
    return 1;
  }
  if (!call.read) return cx.runPlan({ name: `reign ${command}`, steps: [{ id: call.tool.split('.').slice(1).join('-'), tool: call.tool, input: call.input, dependsOn: [] }] }, resolve(cx.workspace ?? process.cwd()));
  try {
    const ctx = toolContext(resolve(cx.workspace ?? process.cwd()), io.env, await cx.shell(), cx.secret);
    const output = await readNow<Record<string, unknown>>({ registry: cx.tools, policy: cx.policy, redactor: cx.redactor }, call.tool, call.input, ctx, new AbortController().signal);
    io.stdout(cx.json ? `${JSON.stringify(output)}\n` : (call.print ?? asText)(output));
    return 0;
  } catch (error) {
    io.stderr(`reign ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
