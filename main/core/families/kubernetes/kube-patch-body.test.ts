import { describe, expect, it } from 'vitest';
import { patchBody } from './kube-patch-body';

describe('patchBody', () => {
  it('takes JSON or YAML text, or the value, with the content type of its kind', () => {
    expect(patchBody('{"spec":{"replicas":3}}', 'strategic')).toEqual({ body: { spec: { replicas: 3 } }, contentType: 'application/strategic-merge-patch+json' });
    expect(patchBody('data:\n  mode: fast\n', 'merge')).toEqual({ body: { data: { mode: 'fast' } }, contentType: 'application/merge-patch+json' });
    expect(patchBody([{ op: 'remove', path: '/metadata/labels/x' }], 'json').contentType).toBe('application/json-patch+json');
  });

  it('keeps strategic-merge directives and nulls the typed clients would drop', () => {
    expect(patchBody({ metadata: { labels: { gone: null } }, spec: { template: { spec: { $setElementOrder: [] } } } }, 'strategic').body).toEqual({ metadata: { labels: { gone: null } }, spec: { template: { spec: { $setElementOrder: [] } } } });
  });

  it('refuses a patch of the wrong shape for its type, saying what it should be', () => {
    expect(() => patchBody('{"spec":', 'merge')).toThrow(/neither JSON nor YAML/);
    expect(() => patchBody({ spec: { replicas: 3 } }, 'json')).toThrow(/list of operations/);
    expect(() => patchBody([{ op: 'replace', path: '/spec/replicas', value: 3 }], 'strategic')).toThrow(/is a JSON patch \(type: "json"\)/);
    expect(() => patchBody([{ op: 'set', path: '/spec' }], 'json')).toThrow(/operation 1 .* needs "op"/);
    expect(() => patchBody([{ op: 'add', path: 'spec' }], 'json')).toThrow(/starting with "\/"/);
    expect(() => patchBody('{}', 'merge')).toThrow(/object of the fields to change/);
  });
});
