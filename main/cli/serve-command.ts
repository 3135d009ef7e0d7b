import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isFolder } from '../core/tools/workspace-paths';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/bootstrap';
import { startServeHost } from '../host/serve-host';
import type { CliIo } from './cli-io';
import { listenProblem } from './listen-problem';

/** The built renderer in out/, found from this bundle wherever the bundler put it (out/main or out/main/chunks). */
export function defaultRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    // Only a built renderer (out/renderer), never the source folder of the same name.
    if (basename(dir) === 'out' && existsSync(join(dir, 'renderer', 'index.html'))) return join(dir, 'renderer');
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

/** A core for `reign serve` with what to close when it stops, or the exit code of one that could not be made (the reason printed). */
export type ServeCore = { readonly core: Core; dispose(): Promise<void> } | number;

/** The core's packages, ≤ 0.1 s each, loaded before the families while no page is being fetched (host/deferred-core.ts). */
const coreWarmSteps = [() => import('zod'), () => import('yaml'), () => import('ajv'), () => import('ws'), () => import('../../preload/contract')];

/** How long a stop waits for a core still loading to close what it opened. */
const STOP_WAITS_FOR_LOAD_MS = 3_000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Carries the exit code of a core that could not be made through the host's load. */
class CoreNotMade extends Error {
  constructor(readonly exitCode: number) {
    super(`the core could not be made (exit ${exitCode})`);
  }
}

/**
 * `reign serve`: runs until SIGINT/SIGTERM, then closes the host and the database. It listens, and
 * serves the page's files, before the core loads (`openCore`, see host/deferred-core.ts).
 */
export async function serveCommand(openCore: () => Promise<ServeCore>, io: CliIo, options: { port: number; open: boolean; rendererDir?: string; workspace?: string; transcript?: string }): Promise<number> {
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.stderr(`reign: the UI is not built (no ${join(rendererDir, 'index.html')}). Run \`npm run build\` first.\n`);
    return 1;
  }
  for (const [flag, path, kind] of [['--workspace', options.workspace, 'folder'], ['--transcript', options.transcript, 'file']] as const) {
    if (path && !(kind === 'folder' ? isFolder(path) : existsSync(path))) {
      io.stderr(`reign: ${flag} ${path} is not an existing ${kind}.\n`);
      return 2;
    }
  }
  let opened: Exclude<ServeCore, number> | null = null;
  const makeCore = async (): Promise<Core> => {
    const made = await openCore();
    if (typeof made === 'number') throw new CoreNotMade(made);
    opened = made;
    made.core.chat.configure({ workspace: options.workspace, transcript: options.transcript });
    await made.core.loadSecretsIntoRedactor();
    return made.core;
  };
  let host: Awaited<ReturnType<typeof startServeHost>>;
  try {
    host = await startServeHost({ core: makeCore, warm: coreWarmSteps, rendererDir, port: options.port });
  } catch (error) {
    const problem = listenProblem(error as NodeJS.ErrnoException, options.port);
    if (!problem) throw error;
    io.stderr(problem);
    return 1;
  }
  io.stdout(`Reign is serving on ${host.addresses.join(' and ')} (loopback only).\nOpen: ${host.url}\nPress Ctrl+C to stop.\n`);
  if (options.open) openBrowser(host.url, io);

  const stopped = new Promise<'stopped'>((resolve) => {
    const stop = (): void => resolve('stopped');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Said once the core has loaded: a script (or test) that also uses the data folder waits for it.
  void host.core.then(() => io.stdout('Ready.\n'), () => undefined);
  // Runs until stopped, or until the core turns out not to be makeable (its reason is printed).
  const outcome = await Promise.race([stopped, host.core.then(() => stopped, (error: unknown) => error)]);
  await host.close();
  // A stop during the load still closes what the load opens, but does not wait long for it (an MCP
  // server may take its whole connect time): the process exits after a few seconds regardless.
  if (outcome === 'stopped') await Promise.race([host.core.catch(() => undefined), delay(STOP_WAITS_FOR_LOAD_MS)]);
  await (opened as Exclude<ServeCore, number> | null)?.dispose();
  if (outcome === 'stopped') return 0;
  if (outcome instanceof CoreNotMade) return outcome.exitCode;
  throw outcome;
}

function openBrowser(url: string, io: CliIo): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => io.stderr(`reign: could not open a browser (${command}); open the URL above yourself.\n`));
  child.unref();
}

