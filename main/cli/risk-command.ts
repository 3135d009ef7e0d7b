import { createInterface } from 'node:readline';
import type { ShellAnalyzer } from '../core/policy/shell/shell-analyzer';
import type { CliIo } from './cli-io';

/**
 * `reign risk [--json] -- COMMAND…` classifies one command line; `reign risk --stdin` classifies
 * one per line of standard input, printing one JSON object per line. Never stops on bad input.
 */
export async function riskCommand(analyzer: ShellAnalyzer, io: CliIo, options: { words: string[]; json: boolean; stdin: NodeJS.ReadableStream | null }): Promise<number> {
  if (options.stdin) {
    const lines = createInterface({ input: options.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const { risk, reasons } = analyzer.analyze(line);
      io.stdout(`${JSON.stringify({ command: line, risk, reasons })}\n`);
    }
    return 0;
  }
  const command = options.words.join(' ');
  if (!command.trim()) {
    io.stderr('reign risk: give a command after --, e.g. `reign risk -- rm -rf build`, or use --stdin.\n');
    return 2;
  }
  const { risk, reasons } = analyzer.analyze(command);
  if (options.json) io.stdout(`${JSON.stringify({ command, risk, reasons })}\n`);
  else io.stdout(`${risk}\n${reasons.map((reason) => `  - ${reason}`).join('\n')}\n`);
  return 0;
}
