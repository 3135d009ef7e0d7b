import type { ProviderId } from '../../../preload/contract';
import { createProvider, type ProviderFactoryDependencies } from '../agent/provider-factory';
import type { EventBus } from '../events/event-bus';
import { ANTHROPIC_KEY } from '../secrets/secret-store';

export interface ProviderAvailability {
  readonly id: ProviderId;
  readonly label: string;
  readonly available: boolean;
  readonly problem: string | null;
}

/** Which providers can be used, which models they have, and pulling Ollama models with progress. */
export class ModelCatalog {
  constructor(
    private readonly deps: ProviderFactoryDependencies & { readonly events: EventBus },
    private readonly transcript: () => string | undefined,
  ) {}

  async providers(): Promise<ProviderAvailability[]> {
    const keychain = await this.deps.secrets.status();
    const keyStored = keychain.available && (await this.deps.secrets.has(ANTHROPIC_KEY));
    const anthropicKey = keyStored || Boolean(this.deps.env.ANTHROPIC_API_KEY);
    const providers: ProviderAvailability[] = [
      { id: 'anthropic', label: 'Anthropic Claude', available: anthropicKey, problem: anthropicKey ? null : 'No Anthropic API key: store one in Settings → Providers.' },
      { id: 'ollama', label: `Ollama (${this.deps.settings.get().ollamaUrl})`, available: true, problem: null },
    ];
    if (this.transcript()) providers.push({ id: 'scripted', label: 'Scripted (transcript replay)', available: true, problem: null });
    return providers;
  }

  defaultModel(provider: ProviderId): string {
    const settings = this.deps.settings.get();
    return provider === 'anthropic' ? settings.anthropicModel : provider === 'ollama' ? settings.ollamaModel : 'transcript';
  }

  async list(provider: ProviderId): Promise<{ models: string[]; problem: string | null }> {
    if (provider === 'scripted') return this.transcript() ? { models: ['transcript'], problem: null } : { models: [], problem: 'No transcript: start `reign serve --transcript FILE` to replay one.' };
    try {
      const made = await createProvider(this.deps, { provider, model: this.defaultModel(provider) || 'none' });
      return { models: await made.provider.listModels(AbortSignal.timeout(10_000)), problem: null };
    } catch (error) {
      return { models: [], problem: (error as Error).message };
    }
  }

  /** Pulls an Ollama model; progress goes out as events, coalesced so a fast pull does not flood the UI. */
  async pull(model: string, signal: AbortSignal): Promise<void> {
    const { OllamaProvider } = await import('../agent/providers/ollama-provider');
    const ollama = new OllamaProvider({ baseUrl: this.deps.settings.get().ollamaUrl });
    let last = 0;
    await ollama.pull(
      model,
      (progress) => {
        const now = Date.now();
        const done = progress.status === 'success';
        if (!done && now - last < 100) return;
        last = now;
        this.deps.events.emit('models.pullProgress', { model, status: progress.status, completed: progress.completed ?? null, total: progress.total ?? null });
      },
      signal,
    );
  }
}
