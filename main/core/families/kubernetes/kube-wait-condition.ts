// What `kubernetes.wait` waits for, as kubectl wait's --for takes it, and whether one object meets it.

export type WaitCondition =
  | { readonly kind: 'delete' }
  | { readonly kind: 'create' }
  | { readonly kind: 'condition'; readonly type: string; readonly status: string }
  | { readonly kind: 'field'; readonly path: readonly (string | number)[]; readonly text: string; readonly value: string };

export const waitForms = 'delete, create, condition=Available (or just Available, Ready, Complete…), condition=Ready=False, or a field: jsonpath={.status.phase}=Running (also .status.phase=Running)';

const invalid = (message: string): Error => Object.assign(new Error(message), { code: 'INVALID_CONDITION' });

/** `.status.containerStatuses[0].ready` → ['status', 'containerStatuses', 0, 'ready']. */
function fieldPath(text: string): (string | number)[] {
  const bare = text.replace(/^\{(.*)\}$/, '$1').replace(/^\./, '');
  if (!bare) throw invalid(`"${text}" names no field`);
  const path: (string | number)[] = [];
  for (const part of bare.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw invalid(`"${text}" is not a field path like .status.phase or .status.conditions[0].status (filters and wildcards are not supported)`);
    path.push(match[1]!, ...[...match[2]!.matchAll(/\[(\d+)\]/g)].map((index) => Number(index[1])));
  }
  return path;
}

/** Parses `for`; throws `INVALID_CONDITION` listing the forms it takes. */
export function parseWaitCondition(text: string): WaitCondition {
  const trimmed = text.trim();
  if (trimmed === 'delete') return { kind: 'delete' };
  if (trimmed === 'create') return { kind: 'create' };
  const condition = /^condition=([A-Za-z][\w.\-/]*)(?:=(\w+))?$/.exec(trimmed);
  if (condition) return { kind: 'condition', type: condition[1]!, status: condition[2] ?? 'True' };
  // A bare condition type, as people say it: Available, Ready=False.
  const bare = /^([A-Z][A-Za-z]*)(?:=(True|False|Unknown))?$/i.exec(trimmed);
  if (bare && /^[A-Z]/.test(trimmed)) return { kind: 'condition', type: bare[1]!, status: bare[2] ?? 'True' };
  const field = /^(?:jsonpath=)?'?(\{[^}]+\}|\.?[A-Za-z][\w.[\]]*)'?=(.*)$/.exec(trimmed);
  if (field) {
    const value = field[2]!.replace(/^(['"])(.*)\1$/, '$2');
    if (!value) throw invalid(`"${text}" compares the field with nothing: give a value after "="`);
    const path = fieldPath(field[1]!);
    return { kind: 'field', path, text: `.${path.map((part) => (typeof part === 'number' ? `[${part}]` : part)).join('.').replaceAll('.[', '[')}`, value };
  }
  throw invalid(`cannot wait for "${text}": write one of ${waitForms}`);
}

export const describeCondition = (condition: WaitCondition): string =>
  condition.kind === 'condition' ? `condition ${condition.type}=${condition.status}` : condition.kind === 'field' ? `${condition.text}=${condition.value}` : condition.kind === 'delete' ? 'deletion' : 'creation';

interface Conditioned {
  metadata?: { generation?: number };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string; observedGeneration?: number }[] };
}

/** Whether an existing object meets a condition, and if not, what is still false in words (`Available is False (MinimumReplicasUnavailable: …)`). */
export function checkCondition(object: unknown, condition: WaitCondition): { met: boolean; detail: string } {
  switch (condition.kind) {
    case 'delete':
      return { met: false, detail: 'still exists' };
    case 'create':
      return { met: true, detail: 'exists' };
    case 'condition': {
      const typed = object as Conditioned;
      const found = typed.status?.conditions?.find((candidate) => candidate.type === condition.type);
      if (!found) return { met: false, detail: `has no ${condition.type} condition yet` };
      const why = found.reason || found.message ? ` (${[found.reason, found.message].filter(Boolean).join(': ')})` : '';
      // A condition written for an older spec says nothing about the current one (kubectl wait checks this too).
      if (found.observedGeneration !== undefined && typed.metadata?.generation !== undefined && found.observedGeneration < typed.metadata.generation) return { met: false, detail: `${condition.type} is ${found.status} but for generation ${found.observedGeneration}, not the current ${typed.metadata.generation}` };
      return found.status.toLowerCase() === condition.status.toLowerCase() ? { met: true, detail: `${condition.type} is ${found.status}` } : { met: false, detail: `${condition.type} is ${found.status}${why}` };
    }
    case 'field': {
      let value: unknown = object;
      for (const part of condition.path) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[part];
      if (value === undefined || value === null) return { met: false, detail: `${condition.text} is not set` };
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return text === condition.value ? { met: true, detail: `${condition.text} is ${text}` } : { met: false, detail: `${condition.text} is ${JSON.stringify(text)}, not ${JSON.stringify(condition.value)}` };
    }
  }
}
