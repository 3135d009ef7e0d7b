import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isFolder } from '../core/tools/workspace-paths';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/bootstrap';
import { startServeHost } from '../host/serve-host';
import type { CliIo } from './cli-io';

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

/** `reign serve`: runs until SIGINT/SIGTERM, then closes the host and the database. */
export async function serveCommand(core: Core, io: CliIo, options: { port: number; open: boolean; rendererDir?: string; workspace?: string; transcript?: string }): Promise<number> {
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
  core.chat.configure({ workspace: options.workspace, transcript: options.transcript });
  await core.loadSecretsIntoRedactor();
  const host = await startServeHost({ core, rendererDir, port: options.port });
  io.stdout(`Reign is serving on ${host.addresses.join(' and ')} (loopback only).\nOpen: ${host.url}\nPress Ctrl+C to stop.\n`);
  if (options.open) openBrowser(host.url, io);

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}

function openBrowser(url: string, io: CliIo): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => io.stderr(`reign: could not open a browser (${command}); open the URL above yourself.\n`));
  child.unref();
}

