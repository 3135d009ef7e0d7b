import { describe, expect, it } from 'vitest';
import { filterCommands, type PaletteCommand } from './palette-commands';

const command = (title: string): PaletteCommand => ({ id: title, title, enabled: true, run: () => undefined });

describe('filterCommands', () => {
  it('keeps commands holding every typed word, earliest match first', () => {
    const commands = [command('Go to Plan'), command('Undo the last plan run'), command('Run the approved plan steps'), command('Go to Chat')];
    expect(filterCommands(commands, 'plan').map((c) => c.title)).toEqual(['Go to Plan', 'Undo the last plan run', 'Run the approved plan steps']);
    expect(filterCommands(commands, 'run plan').map((c) => c.title)).toEqual(['Run the approved plan steps', 'Undo the last plan run']);
    expect(filterCommands(commands, '')).toHaveLength(4);
    expect(filterCommands(commands, 'nothing')).toEqual([]);
  });
});
