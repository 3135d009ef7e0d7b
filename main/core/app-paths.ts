import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Reign keeps its data: REIGN_HOME when set, else the OS app-data folder
 * (XDG_DATA_HOME on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.REIGN_HOME) return env.REIGN_HOME;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Reign');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Reign');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'reign');
}
