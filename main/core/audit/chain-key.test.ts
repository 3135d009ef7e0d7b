import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError, type SyncSecretAccess } from '../secrets/secret-store';
import { openDatabase } from '../storage/database';
import { AuditLog, AuditUnavailableError } from './audit-log';
import { keyFileOf, openChainKey } from './chain-key';
import { Redactor } from './redactor';

/** A keychain in memory; `broken` makes every call fail as a missing keyring does. */
class FakeKeychain implements SyncSecretAccess {
  readonly values = new Map<string, string>();
  broken = false;
  forgetful = false;
  getSync(name: string): string | null {
    if (this.broken) throw new KeychainUnavailableError('The OS keychain is not available', { cause: new Error('no D-Bus session') });
    return this.values.get(name) ?? null;
  }
  setSync(name: string, value: string): void {
    if (this.broken) throw new KeychainUnavailableError('The OS keychain is not available', { cause: new Error('no D-Bus session') });
    if (!this.forgetful) this.values.set(name, value);
  }
}

const dbFile = (): string => join(mkdtempSync(join(tmpdir(), 'reign-key-')), 'reign.db');

describe('the audit chain key', () => {
  it('is made once in the keychain and read back from there', () => {
    const file = dbFile();
    const keychain = new FakeKeychain();
    const first = openChainKey({ dbFile: file, keychain });
    expect(first).toMatchObject({ source: 'keychain', created: true, problem: null });
    expect([...keychain.values.keys()]).toEqual([expect.stringMatching(/^audit\.chain-key\.[0-9a-f]{16}$/)]);
    const second = openChainKey({ dbFile: file, keychain });
    expect(second).toMatchObject({ source: 'keychain', created: false });
    expect(second.key!.equals(first.key!)).toBe(true);
    expect(existsSync(keyFileOf(file))).toBe(false);
  });

  it('falls back to a 0600 key file beside the database when the keychain cannot be used, and keeps using it', () => {
    const file = dbFile();
    const keychain = new FakeKeychain();
    keychain.broken = true;
    const first = openChainKey({ dbFile: file, keychain });
    expect(first).toMatchObject({ source: 'key file', created: true, notes: expect.arrayContaining([expect.stringMatching(/keychain could not be used.*no D-Bus session/)]) });
    expect(statSync(keyFileOf(file)).mode & 0o777).toBe(0o600);
    keychain.broken = false;
    const later = openChainKey({ dbFile: file, keychain });
    expect(later).toMatchObject({ source: 'key file', created: false });
    expect(later.key!.equals(first.key!)).toBe(true);
    expect(keychain.values.size).toBe(0);
  });

  it('falls back to the key file when the keychain accepts the key without keeping it', () => {
    const keychain = new FakeKeychain();
    keychain.forgetful = true;
    expect(openChainKey({ dbFile: dbFile(), keychain })).toMatchObject({ source: 'key file', notes: expect.arrayContaining([expect.stringMatching(/did not keep the key/)]) });
  });

  it('never re-makes a key elsewhere when the head file says it is in the keychain', () => {
    const file = dbFile();
    const keychain = new FakeKeychain();
    keychain.broken = true;
    expect(openChainKey({ dbFile: file, keychain, expected: 'keychain' })).toMatchObject({ key: null, problem: expect.stringMatching(/in the OS keychain, which cannot be used now/) });
    keychain.broken = false;
    expect(openChainKey({ dbFile: file, keychain, expected: 'keychain' })).toMatchObject({ key: null, problem: expect.stringMatching(/missing from the OS keychain/) });
    expect(existsSync(keyFileOf(file))).toBe(false);
    expect(keychain.values.size).toBe(0);
  });

  it('keys an audit log from the keychain; without it the log reports and refuses appends instead of re-keying', () => {
    const file = dbFile();
    const keychain = new FakeKeychain();
    const db = openDatabase({ file });
    const audit = new AuditLog(db, new Redactor(), { keychain });
    audit.append('run.started', { plan: 'p' }, 'run-1');
    expect(audit.verify()).toMatchObject({ ok: true, rows: 1, keyedBy: 'keychain' });
    keychain.broken = true;
    const locked = new AuditLog(db, new Redactor(), { keychain });
    expect(locked.verify()).toMatchObject({ ok: false, cause: 'unverifiable', keyedBy: null, problem: expect.stringMatching(/keychain, which cannot be used now/) });
    expect(() => locked.append('run.started', {})).toThrow(AuditUnavailableError);
    keychain.broken = false;
    expect(new AuditLog(db, new Redactor(), { keychain }).verify()).toMatchObject({ ok: true, rows: 1 });
  });
});
