import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';

const metadataAddress = (url: string): boolean => /^(169\.254\.\d+\.\d+|\[fd00:ec2::254\]|metadata\.google\.internal|100\.100\.100\.200)$/.test(new URL(url).hostname);

export const httpCheck = defineTool({
  name: 'http.check',
  description: 'Health probe: GET a URL until it answers with the expected status (default 200), retrying with a pause in between.',
  input: z
    .object({
      url: z.string().url().refine((url) => /^https?:\/\//.test(url), 'Only http:// and https:// URLs can be checked'),
      expectStatus: z.number().int().min(100).max(599).default(200),
      retries: z.number().int().min(0).max(100).default(0),
      timeoutMs: z.number().int().positive().max(120_000).default(5000),
    })
    .strict(),
  output: z.object({ status: z.number(), attempts: z.number(), ms: z.number() }),
  // A GET carries data out in its path and query, to any host (loopback services and cloud metadata
  // addresses included), so a check is a step the person approves, never a read that runs by itself.
  risk: ({ input }) => assess('write', `sends GET ${input.url}${metadataAddress(input.url) ? ' (a cloud metadata address, which hands out credentials)' : ''}: a request can carry data to ${new URL(input.url).host}`),
  target: ({ input }) => {
    const host = new URL(input.url).host;
    return { kind: 'network', id: `network:${host}`, label: host };
  },
  preview: async ({ input }) => ({ kind: 'text', text: `GET ${input.url}, expecting ${input.expectStatus}, up to ${input.retries + 1} attempt(s). A request that was sent cannot be undone.` }),
  run: async ({ input, signal, log }) => {
    const started = Date.now();
    let last = '';
    for (let attempt = 1; attempt <= input.retries + 1; attempt++) {
      if (signal.aborted) return toolFailure('ABORTED', 'The health check was cancelled');
      try {
        const response = await fetch(input.url, { signal: AbortSignal.any([signal, AbortSignal.timeout(input.timeoutMs)]), redirect: 'manual' });
        await response.body?.cancel();
        if (response.status === input.expectStatus) return { ok: true, output: { status: response.status, attempts: attempt, ms: Date.now() - started } };
        last = `answered ${response.status}, expected ${input.expectStatus}`;
      } catch (error) {
        last = (error as Error).name === 'TimeoutError' ? `no answer within ${input.timeoutMs} ms` : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      }
      log('info', `attempt ${attempt}: ${input.url} ${last}\n`);
      if (attempt <= input.retries) await sleep(Math.min(500 * attempt, 5000), undefined, { signal }).catch(() => undefined);
    }
    return toolFailure('HEALTH_CHECK_FAILED', `${input.url} ${last} after ${input.retries + 1} attempt(s)`);
  },
  idempotent: true,
  describeChange: () => 'nothing (read only)',
});
