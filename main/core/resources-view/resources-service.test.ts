import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemorySecretStore } from '../../../e2e/fixtures/test-core';
import { type Core, createCore } from '../bootstrap';
import { defineFamily } from '../families/family';
import { assess } from '../policy/risk';
import { defineReadTool, defineTool } from '../tools/tool-definition';
import type { ResourceScope, ResourceViewDefinition } from './resource-view';
import { ResourcesService } from './resources-service';

// Scoped views: a view lists in a scope of levels (here a region, then a shelf within it, as
// Kubernetes has a context, then a namespace), its actions act in the scope the rows were shown in,
// and its watch runs once per scope. A toy family stands in for a cluster.

const shelves: Record<string, string[]> = { north: ['tools', 'paint'], south: ['garden'] };
// `south/old` answers a list but is no shelf any more (a namespace deleted while a pod list of it still answers empty).
const items: Record<string, string[]> = { 'north/tools': ['hammer', 'saw'], 'north/paint': ['red'], 'south/garden': ['rake'], 'south/old': ['dust'] };
const place = { region: z.string().min(1), shelf: z.string().min(1) };
const target = ({ input }: { input: { region: string; shelf: string } }) => ({ kind: 'network' as const, id: `network:${input.region}/${input.shelf}`, label: `${input.region}/${input.shelf}` });
const listed: ResourceScope[] = [];

const shelfFamily = defineFamily({
  id: 'shelf',
  title: 'Shelves',
  description: 'Shelves in regions, for tests of scoped resource views.',
  tools: [
    defineReadTool({
      name: 'shelf.items',
      description: 'Items on one shelf.',
      input: z.object(place).strict(),
      output: z.object({ items: z.array(z.string()) }),
      reads: 'reads a shelf',
      target,
      preview: async () => ({ kind: 'text', text: 'list' }),
      run: async ({ input }) => {
        listed.push({ ...input });
        return items[`${input.region}/${input.shelf}`] ? { ok: true, output: { items: items[`${input.region}/${input.shelf}`]! } } : { ok: false, error: { code: 'NOT_FOUND', message: `No shelf ${input.shelf} in ${input.region}` } };
      },
    }),
    defineReadTool({
      name: 'shelf.shelves',
      description: 'Shelves of a region.',
      input: z.object({ region: z.string().min(1) }).strict(),
      output: z.object({ shelves: z.array(z.string()) }),
      reads: 'reads a region',
      target: ({ input }) => ({ kind: 'network', id: `network:${input.region}/*`, label: input.region }),
      preview: async () => ({ kind: 'text', text: 'shelves' }),
      run: async ({ input }) => ({ ok: true, output: { shelves: shelves[input.region] ?? [] } }),
    }),
    defineTool({
      name: 'shelf.take',
      description: 'Take an item off its shelf.',
      input: z.object({ ...place, name: z.string().min(1) }).strict(),
      output: z.object({ taken: z.string() }),
      risk: ({ input }) => assess('destructive', `takes ${input.name}`),
      target,
      preview: async ({ input }) => ({ kind: 'text', text: `take ${input.name}` }),
      run: async ({ input }) => {
        const shelf = items[`${input.region}/${input.shelf}`]!;
        shelf.splice(shelf.indexOf(input.name), 1);
        return { ok: true, output: { taken: input.name } };
      },
      idempotent: false,
      describeChange: (input) => `took ${input.name}`,
    }),
  ],
});

const watches: { scope: ResourceScope; stopped: boolean; ended: () => void }[] = [];
const shelfView: ResourceViewDefinition<string> = {
  id: 'shelf.items',
  title: 'Items',
  columns: [{ key: 'name', label: 'Name', kind: 'text' }],
  empty: 'Nothing on this shelf yet.',
  scope: [
    { id: 'region', label: 'Region', options: async () => [{ id: 'north', label: 'North' }, { id: 'south', label: 'South', default: true }] },
    { id: 'shelf', label: 'Shelf', options: async ({ chosen, read }) => ((await read('shelf.shelves', { region: chosen.region! })).shelves as string[]).map((id) => ({ id, label: id })) },
  ],
  list: { tool: 'shelf.items', input: (scope) => ({ region: scope.region, shelf: scope.shelf }), rows: (output) => output.items as string[] },
  row: (name) => ({ key: name, cells: { name }, tone: 'idle' }),
  actions: [
    { id: 'take', label: 'Take', tool: 'shelf.take', bulk: true, input: (key, scope) => ({ region: scope.region, shelf: scope.shelf, name: key }) },
    { id: 'polish', label: 'Polish', tool: 'shelf.polish', input: (key) => ({ name: key }) },
  ],
  reads: { logs: { tool: 'shelf.history', input: (key) => ({ name: key }) } },
  detail: { kind: 'logs', logs: 'logs' },
  watch: async (_ctx, _changed, ended, scope) => {
    const watch = { scope, stopped: false, ended };
    watches.push(watch);
    return () => void (watch.stopped = true);
  },
};
const anywhere: ResourceViewDefinition<string> = {
  id: 'shelf.anywhere',
  title: 'Anywhere',
  columns: [{ key: 'name', label: 'Name', kind: 'text' }],
  empty: 'Nothing in the north tools shelf.',
  list: { tool: 'shelf.items', input: { region: 'north', shelf: 'tools' }, rows: (output) => output.items as string[] },
  row: (name) => ({ key: name, cells: { name }, tone: 'idle' }),
};
const picky: ResourceViewDefinition<string> = {
  ...shelfView,
  id: 'shelf.picky',
  watch: undefined,
  list: {
    ...shelfView.list,
    input: (scope) => {
      if (scope.shelf === 'paint') throw new Error('Paint is listed by the paint view: choose another shelf.');
      return { region: scope.region, shelf: scope.shelf };
    },
  },
};

let core: Core | null = null;
afterEach(() => core?.dispose());

function service(): ResourcesService {
  const home = mkdtempSync(join(tmpdir(), 'reign-scoped-'));
  core = createCore({ env: { PATH: process.env.PATH, HOME: home }, dataDir: join(home, 'data'), secrets: new InMemorySecretStore(), families: [shelfFamily] });
  return new ResourcesService({ views: [shelfView, anywhere, picky].map((view) => ({ family: shelfFamily, view })), env: {}, registry: core.tools, policy: core.policy, shell: () => core!.shell(), operations: core.operations, redactor: core.redactor, events: core.events });
}
const signal = new AbortController().signal;

describe('scoped resource views', () => {
  it('lists in each level\'s default when nothing is asked, with the choices for the picker', async () => {
    const resources = service();
    const rows = await resources.rows('shelf.items', signal);
    expect(rows).toMatchObject({ target: 'south/garden', problem: null, rows: [{ key: 'rake' }] });
    expect(rows.scope).toEqual({
      chosen: { region: 'south', shelf: 'garden' },
      levels: [
        { id: 'region', label: 'Region', options: [{ id: 'north', label: 'North' }, { id: 'south', label: 'South' }] },
        { id: 'shelf', label: 'Shelf', options: [{ id: 'garden', label: 'garden' }] },
      ],
    });
    expect((await resources.rows('shelf.anywhere', signal)).scope).toBeNull();
  });

  it('lists where asked while that exists, and falls back to the default of a level that no longer holds the choice', async () => {
    const resources = service();
    expect(await resources.rows('shelf.items', signal, { region: 'north', shelf: 'paint' })).toMatchObject({ target: 'north/paint', rows: [{ key: 'red' }], scope: { chosen: { region: 'north', shelf: 'paint' } } });
    // A shelf of another region (a namespace of another context) is not carried over: the region's first shelf is.
    listed.length = 0;
    expect(await resources.rows('shelf.items', signal, { region: 'north', shelf: 'garden', other: 'ignored' })).toMatchObject({ target: 'north/tools', rows: [{ key: 'hammer' }, { key: 'saw' }], scope: { chosen: { region: 'north', shelf: 'tools' } } });
    expect(listed.at(-1)).toEqual({ region: 'north', shelf: 'tools' });
    expect((await resources.rows('shelf.picky', signal, { region: 'north', shelf: 'paint' })).problem).toBe('Paint is listed by the paint view: choose another shelf.');
  });

  it('acts in the scope the rows were shown in, and an approval for one scope does not run in another', async () => {
    const resources = service();
    await expect(resources.act({ view: 'shelf.items', action: 'take', rows: ['saw'], approve: null })).rejects.toThrow(/no region or shelf/);
    const asked = await resources.act({ view: 'shelf.items', action: 'take', rows: ['saw'], approve: null, scope: { region: 'north', shelf: 'tools' } });
    expect(asked).toMatchObject({ outcome: 'needs-approval', risk: 'destructive', target: 'north/tools', targetIds: ['network:north/tools'] });
    const elsewhere = await resources.act({ view: 'shelf.items', action: 'take', rows: ['saw'], approve: { risk: asked.risk, targets: asked.targetIds }, scope: { region: 'north', shelf: 'paint' } });
    expect(elsewhere.outcome).toBe('needs-approval');
    expect(items['north/tools']).toEqual(['hammer', 'saw']);
    const done = await resources.act({ view: 'shelf.items', action: 'take', rows: ['saw'], approve: { risk: asked.risk, targets: asked.targetIds }, scope: { region: 'north', shelf: 'tools' } });
    expect(done.outcome).toBe('done');
    expect(items['north/tools']).toEqual(['hammer']);
  });

  it('offers only actions and details whose tools are registered', () => {
    const view = service().views().views.find((candidate) => candidate.id === 'shelf.items')!;
    expect(view.actions.map((action) => action.id)).toEqual(['take']);
    expect(view.detail).toBeNull();
    expect(view.scope).toEqual([{ id: 'region', label: 'Region' }, { id: 'shelf', label: 'Shelf' }]);
  });

  it('watches once per scope, starts again after a watch ended, and stops every watch on dispose', async () => {
    const resources = service();
    watches.length = 0;
    await resources.rows('shelf.items', signal, { region: 'north', shelf: 'tools' });
    await resources.rows('shelf.items', signal, { region: 'north', shelf: 'tools' });
    await resources.rows('shelf.items', signal, { region: 'north', shelf: 'paint' });
    expect(watches.map((watch) => watch.scope)).toEqual([{ region: 'north', shelf: 'tools' }, { region: 'north', shelf: 'paint' }]);
    // A scope asked for but gone is listed (while its choices are read) and then left: no watch for it.
    expect((await resources.rows('shelf.items', signal, { region: 'south', shelf: 'old' })).rows).toEqual([expect.objectContaining({ key: 'rake' })]);
    expect(watches.map((watch) => watch.scope)).toEqual([{ region: 'north', shelf: 'tools' }, { region: 'north', shelf: 'paint' }, { region: 'south', shelf: 'garden' }]);
    const changed: unknown[] = [];
    const off = core!.events.subscribe((event, payload) => void (event === 'resources.changed' && changed.push(payload)));
    watches[0]!.ended();
    // Only this view uses the watch: the event names it.
    expect(changed).toEqual([{ view: 'shelf.items' }]);
    await resources.rows('shelf.items', signal, { region: 'north', shelf: 'tools' });
    expect(watches).toHaveLength(4);
    off();
    resources.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(watches.map((watch) => watch.stopped)).toEqual([false, true, true, true]);
  });
});
