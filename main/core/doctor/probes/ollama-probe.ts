import type { OllamaCheck } from '../../../../preload/contract';

/** Asks the Ollama server at `url` for its version and installed models (GET /api/version, /api/tags). */
export async function probeOllama(url: string, timeoutMs = 3000, fetchImpl: typeof fetch = fetch): Promise<OllamaCheck> {
  const base = { url, version: null, models: [] };
  const get = async (path: string): Promise<unknown> => {
    const response = await fetchImpl(new URL(path, url), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${path}`);
    return response.json();
  };
  try {
    const { version } = (await get('/api/version')) as { version?: string };
    const { models } = (await get('/api/tags')) as { models?: { name?: string }[] };
    const names = (models ?? []).map((model) => model.name).filter((name): name is string => typeof name === 'string');
    return {
      url,
      version: version ?? null,
      models: names,
      status: names.length ? 'ok' : 'warning',
      summary: names.length ? `Ollama ${version ?? ''} at ${url} with ${names.length} model${names.length === 1 ? '' : 's'}` : `Ollama ${version ?? ''} at ${url} has no models`,
      fix: names.length ? null : 'Pull a model with tool support, e.g. `ollama pull qwen3`.',
    };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    return {
      ...base,
      status: 'missing',
      summary: `No Ollama server at ${url} (${reason})`,
      fix: 'Ollama is optional (it is the offline mode). Install it from ollama.com and run `ollama serve`, or change the Ollama URL in Settings.',
    };
  }
}
