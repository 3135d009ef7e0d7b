import { describe, expect, it } from 'vitest';
import { Relisting } from './mcp-relisting';

/** A server's tools/list whose answers the test releases one at a time, counting the listings it was asked for. */
function fakeServer() {
  const open: { resolve: (tools: string[]) => void; reject: (error: Error) => void }[] = [];
  let asked = 0;
  let version = 0;
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    list: () => {
      asked++;
      return new Promise<string[]>((resolve, reject) => open.push({ resolve, reject }));
    },
    get asked() {
      return asked;
    },
    /** Answers the oldest open listing with the server's list as of now. */
    answer: async () => {
      open.shift()!.resolve([`tools-v${++version}`]);
      await settle();
    },
    fail: async () => {
      open.shift()!.reject(new Error('the server failed tools/list'));
      await settle();
    },
  };
}

describe('Relisting (tools/list_changed)', () => {
  it('runs one listing at a time and queues at most one more, however many notifications come meanwhile', async () => {
    const server = fakeServer();
    const committed: string[][] = [];
    const relisting = new Relisting(server.list, (tools) => committed.push(tools));
    const done = relisting.request();
    for (let notification = 0; notification < 20; notification++) void relisting.request();
    expect(server.asked).toBe(1);
    // The first listing is out of date (20 notifications came while it ran): dropped, and one more listing runs.
    await server.answer();
    expect(committed).toEqual([]);
    expect(server.asked).toBe(2);
    await server.answer();
    await done;
    expect(committed).toEqual([['tools-v2']]);
    expect(server.asked).toBe(2);
  });

  it('commits a listing nothing made out of date, keeps the last list when one fails, and lists nothing after stop', async () => {
    const server = fakeServer();
    const committed: string[][] = [];
    const relisting = new Relisting(server.list, (tools) => committed.push(tools));
    const first = relisting.request();
    await server.answer();
    await first;
    expect(committed).toEqual([['tools-v1']]);
    const failing = relisting.request();
    await server.fail();
    await failing;
    expect(committed).toEqual([['tools-v1']]);
    relisting.stop();
    await relisting.request();
    expect(server.asked).toBe(2);
  });
});
