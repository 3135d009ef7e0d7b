import { describe, expect, it } from 'vitest';
import type { SearchItem } from '../../../../preload/contract';
import { fuzzyScore, matchScore } from './fuzzy-match';
import type { PaletteCommand } from './palette-commands';
import { flatEntries, paletteGroups, SHOWN_PER_KIND } from './search-results';

const item = (kind: string, name: string, detail = ''): SearchItem => ({ kind, name, detail, target: kind === 'run' ? { pane: 'history', run: name } : { pane: 'resources', view: `x.${kind}s`, row: name } });
const command = (title: string): PaletteCommand => ({ id: title, title, enabled: true, run: () => undefined });
const names = (groups: ReturnType<typeof paletteGroups>) => groups.map((group) => [group.kind, group.entries.map((entry) => (entry.type === 'command' ? entry.command.title : entry.item.name))]);

describe('fuzzyScore', () => {
  it('matches letters in order, ignoring case, and refuses what is not there', () => {
    expect(fuzzyScore('rgtst', 'reign-test')).not.toBeNull();
    expect(fuzzyScore('WEB', 'shop-web-1')).not.toBeNull();
    expect(fuzzyScore('tsr', 'reign-test')).toBeNull();
    expect(fuzzyScore('webx', 'web')).toBeNull();
  });

  it('ranks a whole word above the same letters scattered, and an earlier match above a later one', () => {
    expect(fuzzyScore('api', 'api-server')!).toBeGreaterThan(fuzzyScore('api', 'a-p-i-gateway')!);
    expect(fuzzyScore('web', 'web-frontend')!).toBeGreaterThan(fuzzyScore('web', 'legacy-web')!);
    expect(fuzzyScore('web', 'legacy-web')!).toBeGreaterThan(fuzzyScore('web', 'twebs')!);
  });

  it('needs every typed word to match the name or the detail', () => {
    expect(matchScore('web prod', 'web-1', 'prod/default · Running')).not.toBeNull();
    expect(matchScore('web staging', 'web-1', 'prod/default · Running')).toBeNull();
    expect(matchScore('web', 'web-1', '')!).toBeGreaterThan(matchScore('web', 'cache', 'web tier')!);
  });
});

describe('paletteGroups', () => {
  const items = [item('container', 'shop-web'), item('container', 'shop-db'), item('pod', 'web-7c9f', 'reign-test/default · Running'), item('run', 'Deploy web', 'succeeded'), item('repository', 'octo/cli')];

  it('groups matches by kind, the best-matching kind first, commands (matched by words, as before) ahead', () => {
    const groups = paletteGroups([command('Go to Resources'), command('Go to History')], items, 'web');
    expect(names(groups)).toEqual([
      ['pod', ['web-7c9f']],
      ['container', ['shop-web']],
      ['run', ['Deploy web']],
    ]);
    expect(names(paletteGroups([command('Go to Resources'), command('Go to History')], items, 'go hist'))).toEqual([['command', ['Go to History']]]);
  });

  it('walks the groups in the order they are shown, each entry once', () => {
    const groups = paletteGroups([command('Show web logs')], items, 'web');
    const flat = flatEntries(groups);
    expect(flat.map((entry) => entry.id)).toEqual(groups.flatMap((group) => group.entries.map((entry) => entry.id)));
    expect(new Set(flat.map((entry) => entry.id)).size).toBe(flat.length);
    expect(flat[0]).toMatchObject({ type: 'command' });
  });

  it('shows at most a few of each kind, so one big kind leaves room for the others', () => {
    const many = [...Array.from({ length: 50 }, (_, index) => item('image', `web-image-${index}`)), item('pod', 'web-pod')];
    const groups = paletteGroups([], many, 'web');
    expect(groups.find((group) => group.kind === 'image')!.entries).toHaveLength(SHOWN_PER_KIND);
    expect(groups.find((group) => group.kind === 'pod')!.entries).toHaveLength(1);
    expect(paletteGroups([], many, '').find((group) => group.kind === 'image')!.entries.length).toBeLessThan(SHOWN_PER_KIND);
  });

  it('finds nothing when nothing matches', () => {
    expect(paletteGroups([command('Go to Chat')], items, 'zzzz')).toEqual([]);
  });
});
