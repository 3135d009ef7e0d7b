import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';

// `reign serve` listens before its core loads (the page's files go out while it loads), so a core
// that cannot be made is found after the URL was printed: it must still say why and stop with 1,
// not keep serving a page that can never connect.

describe('reign serve with a data folder it cannot use', () => {
  it('says the database is damaged and exits 1, instead of serving a page that never connects', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    mkdirSync(env.REIGN_HOME!, { recursive: true });
    writeFileSync(join(env.REIGN_HOME!, 'reign.db'), 'not a database');
    const result = await runReignAsync(['serve', '--port', '0'], env, { timeoutMs: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^reign: The database at .*reign\.db is damaged or is not a Reign database/);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });
});
