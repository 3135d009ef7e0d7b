import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpCheck } from './http-check-tool';

let server: Server | undefined;
afterEach(() => server?.close());

/** Answers 503 for the first `failures` requests, then 200. */
async function flakyServer(failures: number): Promise<string> {
  let seen = 0;
  server = createServer((_req, res) => res.writeHead(++seen <= failures ? 503 : 200).end('ok'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

const run = (input: Record<string, unknown>, signal = new AbortController().signal) =>
  httpCheck.run({ input: httpCheck.input.parse(input), ctx: {} as never, signal, log: () => {}, progress: () => {} });

describe('http.check', () => {
  it('retries until the service answers the expected status', async () => {
    const url = await flakyServer(2);
    expect(await run({ url, retries: 3 })).toMatchObject({ ok: true, output: { status: 200, attempts: 3 } });
  });

  it('fails with what it last saw when retries run out', async () => {
    const url = await flakyServer(5);
    expect(await run({ url, retries: 1 })).toMatchObject({ ok: false, error: { code: 'HEALTH_CHECK_FAILED', message: expect.stringMatching(/answered 503, expected 200 after 2 attempt/) } });
  });

  it('is a write step for every host, loopback and cloud metadata included (a GET carries data out), and targets the host it probes', () => {
    const classify = (url: string) => httpCheck.risk({ input: httpCheck.input.parse({ url }), ctx: {} as never, facts: undefined });
    for (const url of ['http://127.0.0.1:8080/health', 'https://example.com/?q=secret', 'http://[::1]:9/']) expect(classify(url).risk, url).toBe('write');
    expect(classify('http://169.254.169.254/latest/meta-data/').reasons.join(' ')).toMatch(/cloud metadata address/);
    const input = httpCheck.input.parse({ url: 'http://127.0.0.1:8080/health' });
    expect(httpCheck.target({ input, ctx: {} as never, facts: undefined }).id).toBe('network:127.0.0.1:8080');
  });
});
