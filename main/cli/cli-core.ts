import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/** A command's core with what to close after it, or the exit code when it could not be made (the reason printed). */
export type CliCore = { readonly core: Core; dispose(): Promise<void> } | number;

/**
 * The core (every family, zod schemas, SQLite), loaded only for commands that need it: `--version`
 * and `help` stay instant. With `runsTools`, the MCP servers the user configured start first (they
 * are families, and the core lists their tools).
 */
export async function openCliCore(io: CliIo, runsTools: boolean): Promise<CliCore> {
  let mcp: { dispose(): Promise<void> } | undefined;
  try {
    const [{ createCore }, { families, startConfiguredFamilies }] = await Promise.all([import('../core/bootstrap'), import('../core/families')]);
    let servers: Awaited<ReturnType<typeof startConfiguredFamilies>> = { families: [], dispose: async () => undefined };
    try {
      if (runsTools) servers = await startConfiguredFamilies({ env: io.env });
    } catch (error) {
      io.stderr(`reign: ${(error as Error).message}\n`);
      return 1;
    }
    mcp = servers;
    const core = createCore({ env: io.env, ...(servers.families.length ? { families: [...families, ...servers.families] } : {}) });
    return {
      core,
      dispose: async () => {
        core.dispose();
        await servers.dispose();
      },
    };
  } catch (error) {
    await mcp?.dispose();
    // A StorageError (by name: its module is part of the core loaded just above).
    if ((error as Error).name === 'StorageError') {
      io.stderr(`reign: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
