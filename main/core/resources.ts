import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's resources/ and prompts/ folders, found from this module whether it runs from
 * source (main/core) or from a bundle (out/main).
 */
export function findAssetDir(name: 'prompts' | 'resources' | 'templates'): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`Reign's ${name}/ folder was not found next to ${fileURLToPath(import.meta.url)}; the installation is incomplete.`);
}

export function readAsset(name: 'prompts' | 'resources' | 'templates', file: string): string {
  return readFileSync(join(findAssetDir(name), file), 'utf8');
}
