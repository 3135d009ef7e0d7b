import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';

/** A port some other program holds, as a user's dev server would. */
function occupyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve(server));
  });
}

describe('the built reign CLI explains first mistakes in its own words', () => {
  let holder: Server;
  beforeAll(async () => {
    holder = await occupyPort();
  });
  afterAll(() => new Promise<void>((done) => holder.close(() => done())));

  it('says a port is in use and how to choose another, instead of "unexpected error: listen EADDRINUSE"', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const port = (holder.address() as import('node:net').AddressInfo).port;
    const result = await runReignAsync(['serve', '--port', String(port)], isolatedEnv(), { timeoutMs: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `reign: port ${port} is already in use on this machine (another program, or another \`reign serve\`, is listening on it).\n` +
        'Stop that program, pass another port with `--port N`, or `--port 0` to let Reign pick a free one.\n',
    );
    expect(result.stdout).toBe('');
  });

  it('answers an unknown option with a suggestion and exit 2', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const result = await runReignAsync(['doctor', '--jsn'], isolatedEnv(), { timeoutMs: 30_000 });
    expect(result).toEqual({ status: 2, stdout: '', stderr: "reign doctor: unknown option --jsn (did you mean --json?)\nRun 'reign doctor --help' for the options.\n" });
  });
});
