import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from './reign';

async function run(args: string[], home: string) {
  let stdout = '';
  let stderr = '';
  // No D-Bus session in this environment: the chain key goes to a key file beside the database.
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data') } });
  return { code, stdout, stderr };
}

describe('reign audit verify', () => {
  it('says the log is intact and where its key lives', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-audit-cli-'));
    expect(await run(['audit', 'verify'], home)).toMatchObject({ code: 0, stdout: expect.stringMatching(/audit log intact: 0 rows.*\(keyed by: key file\)/) });
  });

  it('reports a dropped table, naming it and what to do, instead of crashing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-audit-cli-'));
    await run(['audit', 'verify'], home);
    const db = new BetterSqlite3(join(home, 'data', 'reign.db'));
    db.exec('DROP TABLE audit');
    db.close();
    const result = await run(['audit', 'verify'], home);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/audit log cannot be verified: the table "audit" is missing.*Restore reign.db from a backup/);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });
});
