import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, repoRoot } from './fixtures/serve-process';

/**
 * A copy of the project as `npm install` leaves it when Electron's binary never arrived: our launcher
 * scripts and the real electron package (its installer and @electron/get), without dist/ or path.txt,
 * so the spec sees a first launch whether or not this machine has Electron installed.
 */
function projectWithoutElectronBinary(): string {
  const project = mkdtempSync(join(tmpdir(), 'reign-first-launch-'));
  cpSync(join(repoRoot, 'scripts'), join(project, 'scripts'), { recursive: true });
  const electron = join(project, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  for (const file of ['package.json', 'install.js', 'checksums.json', 'index.js', 'cli.js']) cpSync(join(repoRoot, 'node_modules', 'electron', file), join(electron, file));
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(repoRoot, 'node_modules', scope), join(project, 'node_modules', scope), 'dir');
  return project;
}

/** A port nothing listens on (opened, then closed), so the download is refused at once, offline or not. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(project: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // --no-build: the copy has no sources; building is electron-vite's job, tested wherever the app is built.
    const child = spawn(process.execPath, [join(project, 'scripts', 'start.mjs'), '--no-build'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const electronVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

const screenFor = async (platform: string) => {
  // Plain JavaScript, so `npm start` needs no build: loaded by path, outside the type checker.
  const module = join(repoRoot, 'scripts', 'first-launch-screen.mjs');
  const { firstLaunchScreen } = (await import(module)) as { firstLaunchScreen: (facts: object) => string };
  return firstLaunchScreen({ platform, arch: 'x64', source: 'https://github.com/electron/electron/releases/download/', problem: "Electron 45.4.1's binary for this platform is not installed.", downloadError: { detail: 'github.com could not be reached: getaddrinfo ENOTFOUND github.com', unreachable: true }, downloadable: true });
};

describe('npm start on a machine where Electron cannot be downloaded', () => {
  it('tries the download once, then says in one screen what happened and to use `npx reign serve --open`', async () => {
    const project = projectWithoutElectronBinary();
    const mirror = `http://127.0.0.1:${await closedPort()}/`;
    const result = await start(project, isolatedEnv({ ELECTRON_MIRROR: mirror }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(`Downloading Electron ${electronVersion} for ${process.platform}-${process.arch} (first launch only)…\n`);
    expect(result.stderr).toContain(`Reign cannot open its desktop window: Electron ${electronVersion}'s binary for this platform is not installed.\nIt is downloaded on first launch (for ${process.platform}-${process.arch}, from ${mirror}), and the download failed:\n  127.0.0.1:`);
    expect(result.stderr).toMatch(/could not be reached: connect ECONNREFUSED/);
    expect(result.stderr).toContain('\n  npx reign serve --open\n');
    expect(result.stderr).toContain('\n  node node_modules/electron/install.js\n');
    // Not Electron's stock advice, which sends people to delete node_modules/electron.
    expect(result.stderr).not.toMatch(/install-electron|delete|failed to install correctly/);
    expect(result.stderr.split('\n').length).toBeLessThan(25);
    // Nothing half-installed is left for the next launch to trip over.
    expect(readdirSync(join(project, 'node_modules', 'electron')).sort()).toEqual(['checksums.json', 'cli.js', 'index.js', 'install.js', 'package.json']);
  });

  it('gives the commands in the shell of each OS the README lists', async () => {
    const linux = await screenFor('linux');
    expect(linux).toContain('ELECTRON_MIRROR=https://YOUR-MIRROR/electron/ node node_modules/electron/install.js');
    expect(await screenFor('darwin')).toContain('ELECTRON_GET_USE_PROXY=true HTTPS_PROXY=http://PROXY:PORT node node_modules/electron/install.js');
    const windows = await screenFor('win32');
    expect(windows).toContain('$env:ELECTRON_MIRROR="https://YOUR-MIRROR/electron/"; node node_modules/electron/install.js   (PowerShell)');
    expect(windows).toContain('$env:ELECTRON_GET_USE_PROXY="true"; $env:HTTPS_PROXY="http://PROXY:PORT"; node node_modules/electron/install.js');
    for (const screen of [linux, windows]) expect(screen).toContain('npx reign serve --open');
  });

  it('launches the Electron binary it finds with the app folder, and exits with its exit code', async () => {
    const project = projectWithoutElectronBinary();
    // ELECTRON_OVERRIDE_DIST_PATH is how Electron lets a binary from elsewhere be used; a script stands in for it.
    const dist = mkdtempSync(join(tmpdir(), 'reign-electron-dist-'));
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "electron got: $*"\nexit 7\n');
    chmodSync(join(dist, 'electron'), 0o755);
    const result = await start(project, isolatedEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist }));
    expect(result).toEqual({ status: 7, stdout: `electron got: ${project}\n`, stderr: '' });
  });

  it('says so when ELECTRON_OVERRIDE_DIST_PATH points where there is no Electron, without downloading', async () => {
    const project = projectWithoutElectronBinary();
    const result = await start(project, isolatedEnv({ ELECTRON_OVERRIDE_DIST_PATH: join(project, 'nowhere') }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron at ${join(project, 'nowhere', 'electron')}.`);
    expect(result.stderr).toContain('npx reign serve --open');
  });
});
