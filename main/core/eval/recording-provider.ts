import type { ModelEvent, ModelProvider, ModelRequest } from '../agent/model-types';

/** A provider that keeps, as JSON, every request sent to the model: what the secrets check reads. */
export function recordingProvider(inner: ModelProvider, requests: string[]): ModelProvider {
  return {
    id: inner.id,
    contextWindow: (model) => inner.contextWindow(model),
    listModels: (signal) => inner.listModels(signal),
    stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
      requests.push(JSON.stringify(request));
      return inner.stream(request, signal);
    },
  };
}
