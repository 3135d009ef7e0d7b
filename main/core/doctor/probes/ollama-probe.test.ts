import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeOllama } from './ollama-probe';

// A loopback server answering Ollama's documented GET /api/version and GET /api/tags.
let server: Server | undefined;
afterEach(() => server?.close());

async function ollama(models: { name: string }[]): Promise<string> {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/api/version') return res.end(JSON.stringify({ version: '0.12.6' }));
    if (req.url === '/api/tags') return res.end(JSON.stringify({ models: models.map((m) => ({ ...m, model: m.name, size: 1, digest: 'sha256:0', details: {} })) }));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('probeOllama', () => {
  it('lists the installed models', async () => {
    const url = await ollama([{ name: 'qwen3:8b' }, { name: 'llama3.2:3b' }]);
    expect(await probeOllama(url)).toMatchObject({ status: 'ok', version: '0.12.6', models: ['qwen3:8b', 'llama3.2:3b'] });
  });

  it('warns when the server has no models and says how to pull one', async () => {
    const url = await ollama([]);
    expect(await probeOllama(url)).toMatchObject({ status: 'warning', fix: expect.stringMatching(/ollama pull/) });
  });

  it('reports no server at the URL as missing (it is optional)', async () => {
    expect(await probeOllama('http://127.0.0.1:9', 1000)).toMatchObject({ status: 'missing', summary: expect.stringMatching(/No Ollama server/) });
  });
});
