import type { ToolDefinition } from './tool-definition';

/**
 * The shell command a step runs, for tools whose input holds one (`shellText`, like shell.exec's
 * `command`): what verb rules are matched on. Null when the tool has none, or more than one field
 * holds text: a rule checked against one command must not let another one through unseen.
 */
export function shellCommandOf(tool: Pick<ToolDefinition, 'shellText'>, input: unknown): string | null {
  const texts = (tool.shellText ?? []).map((path) => valueAt(input, path)).filter((value) => value !== undefined);
  if (texts.length !== 1) return null;
  return typeof texts[0] === 'string' ? texts[0] : null;
}

/** `a.b` of an object; undefined where the path does not lead anywhere. */
function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}
