// Where Electron's binary for this machine is, or why it is not there. Mirrors what the electron
// package itself checks (node_modules/electron/install.js), without its lazy download and its advice.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable inside dist/ that the electron package writes to path.txt, per platform. */
export function platformExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'electron';
  return null;
}

/**
 * { executable } when Electron's binary for this platform is installed; otherwise { problem }: one
 * sentence saying what is missing. ELECTRON_OVERRIDE_DIST_PATH is honoured as the electron package does.
 */
export function findElectronBinary(electronDir, env = process.env, platform = process.platform) {
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const executable = platformExecutable(env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || platform);
  if (!executable) return { version, problem: `Electron has no build for this platform (${platform}).`, downloadable: false };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable);
    return existsSync(overridden) ? { version, executable: overridden } : { version, problem: `ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron at ${overridden}.`, downloadable: false };
  }
  const read = (file) => {
    try {
      return readFileSync(join(electronDir, file), 'utf8').trim();
    } catch {
      return null;
    }
  };
  const installed = read(join('dist', 'version'))?.replace(/^v/, '');
  const full = join(electronDir, 'dist', executable);
  if (read('path.txt') === executable && installed === version && existsSync(full)) return { version, executable: full };
  const what = installed && installed !== version ? `Electron ${installed} is in node_modules/electron/dist, not ${version}` : `Electron ${version}'s binary for this platform is not installed`;
  return { version, problem: `${what}.`, downloadable: true };
}

/** Where Electron's installer downloads from: ELECTRON_MIRROR (or its npm config forms), else GitHub's releases. */
export function downloadBase(env = process.env) {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
}

/**
 * Why the download host cannot be reached ("getaddrinfo ENOTFOUND github.com"), or null when it answers
 * (then the installer failed for another reason, which its own message says). Electron's installer
 * reports only "fetch failed", which does not tell offline from blocked from a wrong mirror.
 */
export async function unreachableBecause(base) {
  let url;
  try {
    url = new URL(base);
  } catch {
    return `the download address ${base} is not a URL`;
  }
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    return null;
  } catch (error) {
    const cause = error?.cause;
    const detail = cause?.message?.includes(cause.code) ? cause.message : [cause?.code, cause?.message ?? error?.message ?? String(error)].filter(Boolean).join(': ');
    return `${url.host} could not be reached: ${detail}`;
  }
}
