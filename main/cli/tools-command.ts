import { compactSchema } from '../core/agent/agent-tools';
import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/**
 * `reign tools [--family F] [--json]`: every registered tool with its family, description, input
 * JSON Schema and whether it can be undone — what people, scripts and MCP clients read to know
 * what Reign can do.
 */
export function toolsCommand(core: Core, io: CliIo, options: { family?: string; json: boolean }): number {
  const families = core.families.filter((family) => !options.family || family.id === options.family);
  if (options.family && !families.length) {
    io.stderr(`reign: there is no family "${options.family}". Families: ${core.families.map((family) => family.id).join(', ')}.\n`);
    return 2;
  }
  const tools = families.flatMap((family) => family.tools.map((tool) => ({ name: tool.name, family: family.id, description: tool.description, inputSchema: compactSchema(tool.input), undoable: Boolean(tool.undo) })));
  if (options.json) {
    io.stdout(`${JSON.stringify({ tools })}\n`);
    return 0;
  }
  for (const family of families) {
    const own = tools.filter((tool) => tool.family === family.id);
    io.stdout(`${family.id} — ${family.title} (${own.length} tool${own.length === 1 ? '' : 's'})\n`);
    for (const tool of own) io.stdout(`  ${tool.name.padEnd(32)} ${tool.undoable ? 'undo ' : 'no undo'}  ${tool.description}\n`);
  }
  return 0;
}
