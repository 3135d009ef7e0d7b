import { ZodError } from 'zod';
import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/** `reign settings` prints every setting as JSON; `reign settings set KEY VALUE` (VALUE as JSON, or a plain string). */
export function settingsCommand(core: Core, io: CliIo, words: string[]): number {
  const [action, key, ...value] = words;
  if (!action || action === 'get') {
    const settings = core.settings.get();
    io.stdout(`${JSON.stringify(key ? settings[key as keyof typeof settings] : settings, null, 2)}\n`);
    return 0;
  }
  if (action === 'set' && key && value.length) {
    const text = value.join(' ');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    try {
      core.settings.update({ [key]: parsed });
      io.stdout(`${key} = ${JSON.stringify(core.settings.get()[key as keyof ReturnType<typeof core.settings.get>])}\n`);
      return 0;
    } catch (error) {
      const detail = error instanceof ZodError ? error.issues.map((issue) => `${issue.path.join('.') || key}: ${issue.message}`).join('; ') : (error as Error).message;
      io.stderr(`reign: cannot set ${key}: ${detail}\n`);
      return 1;
    }
  }
  io.stderr('reign settings: use `reign settings [get KEY]` or `reign settings set KEY VALUE`.\n');
  return 2;
}
