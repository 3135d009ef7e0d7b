import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EventPayload } from '../../../preload/contract';
import { EventBus } from '../events/event-bus';
import { openDatabase } from '../storage/database';
import { SettingsRepository } from '../storage/settings-repository';
import { SettingsService } from './settings-service';

function setup() {
  const db = openDatabase({ file: ':memory:' });
  const events = new EventBus();
  const changes: EventPayload<'settings.changed'>[] = [];
  events.subscribe((name, payload) => name === 'settings.changed' && changes.push(payload as EventPayload<'settings.changed'>));
  return { db, repository: new SettingsRepository(db), service: new SettingsService(new SettingsRepository(db), events), changes };
}

describe('SettingsService', () => {
  it('returns the defaults when nothing is stored', () => {
    expect(setup().service.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('stores a partial update, keeps the other settings, and announces the result', () => {
    const { service, changes, db } = setup();
    const updated = service.update({ theme: 'dark', ollamaUrl: 'http://10.0.0.5:11434' });
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', ollamaUrl: 'http://10.0.0.5:11434' });
    expect(service.get()).toEqual(updated);
    expect(changes).toEqual([updated]);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 2 });
  });

  it('refuses an invalid patch naming the field, and writes nothing of it', () => {
    const { service, changes } = setup();
    expect(() => service.update({ theme: 'dark', ollamaUrl: 'localhost:11434' })).toThrow(/ollamaUrl/);
    expect(() => service.update({ colour: 'red' })).toThrow(/colour/);
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(changes).toEqual([]);
  });

  it('falls back to the default for a stored value that no longer validates, keeping the rest', () => {
    const { service, repository } = setup();
    repository.writeMany({ theme: 'sepia', ollamaModel: 'qwen3' });
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, ollamaModel: 'qwen3' });
  });

  it('sees a change another process committed (the CLI while the app runs), without re-reading otherwise', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'reign-settings-')), 'reign.db');
    const mine = new SettingsService(new SettingsRepository(openDatabase({ file })), new EventBus());
    const other = new SettingsService(new SettingsRepository(openDatabase({ file })), new EventBus());
    expect(mine.get().theme).toBe('system');
    expect(mine.get()).toBe(mine.get()); // cached while nothing changed
    other.update({ theme: 'dark' });
    expect(mine.get().theme).toBe('dark');
  });
});
