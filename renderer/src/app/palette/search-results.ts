import type { SearchItem } from '../../../../preload/contract';
import { matchScore } from './fuzzy-match';
import { filterCommands, type PaletteCommand } from './palette-commands';
import { kindGroup, kindIcon } from './search-kinds';

export type PaletteEntry =
  | { readonly type: 'command'; readonly id: string; readonly command: PaletteCommand }
  | { readonly type: 'item'; readonly id: string; readonly item: SearchItem };

export interface PaletteGroup {
  readonly kind: string;
  readonly label: string;
  readonly icon: string;
  readonly entries: readonly PaletteEntry[];
}

/** Per kind, so one kind with thousands of rows (images, runs) does not push the others out of sight. */
export const SHOWN_PER_KIND = 8;
/** With nothing typed, a few of each kind show what can be found. */
const SHOWN_UNTYPED = 3;

/**
 * The palette's results: the commands that match (as before), then every kind of item that has a
 * match, each kind a group ordered by its best match, items by how well they match.
 */
export function paletteGroups(commands: readonly PaletteCommand[], items: readonly SearchItem[], query: string): PaletteGroup[] {
  const typed = query.trim() !== '';
  const matched = filterCommands(commands, query);
  const groups: PaletteGroup[] = matched.length ? [{ kind: 'command', label: kindGroup('command'), icon: kindIcon('command'), entries: matched.map((command) => ({ type: 'command' as const, id: `palette-${command.id}`, command })) }] : [];
  const byKind = new Map<string, { score: number; item: SearchItem }[]>();
  items.forEach((item) => {
    const score = typed ? matchScore(query, item.name, `${item.detail} ${item.kind}`) : 0;
    if (score === null) return;
    const list = byKind.get(item.kind) ?? [];
    list.push({ score, item });
    byKind.set(item.kind, list);
  });
  const kinds = [...byKind.entries()].map(([kind, list]) => {
    const sorted = list.sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name));
    return { kind, best: sorted[0]!.score, list: sorted.slice(0, typed ? SHOWN_PER_KIND : SHOWN_UNTYPED) };
  });
  kinds.sort((a, b) => b.best - a.best || kindGroup(a.kind).localeCompare(kindGroup(b.kind)));
  for (const { kind, list } of kinds) {
    groups.push({ kind, label: kindGroup(kind), icon: kindIcon(kind), entries: list.map(({ item }) => ({ type: 'item' as const, id: itemId(item), item })) });
  }
  return groups;
}

/** The entries in the order ↑/↓ walk them. */
export const flatEntries = (groups: readonly PaletteGroup[]): PaletteEntry[] => groups.flatMap((group) => group.entries);

/**
 * An element id for an item that stays the same while other sources' answers arrive, so the
 * highlighted result does not jump to another under the person's Enter.
 */
export function itemId(item: SearchItem): string {
  const text = JSON.stringify([item.kind, item.target]);
  let hash = 5381;
  for (let index = 0; index < text.length; index++) hash = ((hash * 33) ^ text.charCodeAt(index)) >>> 0;
  return `search-${item.kind.replace(/[^a-z0-9-]/gi, '')}-${hash.toString(36)}`;
}
