import { parse } from 'yaml';

export const patchTypes = ['strategic', 'merge', 'json'] as const;
export type PatchType = (typeof patchTypes)[number];

const contentTypes: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

const jsonPatchOps = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

const invalid = (message: string): Error => Object.assign(new Error(message), { code: 'INVALID_PATCH' });

/**
 * The body and content type of a patch as kubectl patch takes it (`-p` text in JSON or YAML, or the
 * value itself). Throws `INVALID_PATCH` saying what is wrong before anything reaches the server.
 */
export function patchBody(patch: unknown, type: PatchType): { body: unknown; contentType: string } {
  let value = patch;
  if (typeof patch === 'string') {
    try {
      value = parse(patch);
    } catch (error) {
      throw invalid(`the patch is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (type === 'json') {
    if (!Array.isArray(value) || !value.length) throw invalid('a JSON patch is a list of operations, e.g. [{"op":"replace","path":"/spec/replicas","value":3}]');
    value.forEach((operation: { op?: unknown; path?: unknown }, index) => {
      if (typeof operation !== 'object' || operation === null || !jsonPatchOps.has(String(operation.op)) || typeof operation.path !== 'string' || !operation.path.startsWith('/'))
        throw invalid(`operation ${index + 1} of the JSON patch needs "op" (${[...jsonPatchOps].join(', ')}) and a "path" starting with "/"`);
    });
  } else if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.keys(value).length) {
    throw invalid(`a ${type} patch is an object of the fields to change, e.g. {"spec":{"replicas":3}}${Array.isArray(value) ? '; a list of operations is a JSON patch (type: "json")' : ''}`);
  }
  return { body: value, contentType: contentTypes[type] };
}
