import type { Redactor } from '../audit/redactor';
import { ANTHROPIC_KEY, type SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { type ModelProvider, ProviderError } from './model-types';

export interface ProviderChoice {
  readonly provider: string;
  readonly model?: string;
  readonly baseUrl?: string;
  /** JSON lines of model turns, for the scripted provider. */
  readonly transcript?: string;
}

export interface ProviderFactoryDependencies {
  readonly secrets: SecretStore;
  readonly settings: SettingsService;
  readonly redactor: Redactor;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The provider and model a person chose, with settings filling the gaps. A missing key is a
 * ProviderError (kind auth) that says where to put one; a wrong choice is a plain Error.
 */
export async function createProvider(deps: ProviderFactoryDependencies, choice: ProviderChoice): Promise<{ provider: ModelProvider; model: string }> {
  const settings = deps.settings.get();
  // Each provider (and its SDK) loads when chosen, so commands that never talk to a model skip them.
  if (choice.provider === 'scripted') {
    if (!choice.transcript) throw new Error('The scripted provider needs a transcript (JSON lines of model turns): --transcript FILE.');
    const { ScriptedProvider } = await import('./providers/scripted-provider');
    return { provider: ScriptedProvider.fromFile(choice.transcript), model: choice.model ?? 'transcript' };
  }
  if (choice.provider === 'ollama') {
    const model = choice.model ?? settings.ollamaModel;
    if (!model) throw new Error('choose an Ollama model: --model NAME, pick one in the chat\'s model list, or `reign settings set ollamaModel NAME` (see `ollama list`).');
    const { OllamaProvider } = await import('./providers/ollama-provider');
    return { provider: new OllamaProvider({ baseUrl: choice.baseUrl ?? settings.ollamaUrl, contextSize: settings.ollamaContextSize }), model };
  }
  if (choice.provider === 'anthropic') {
    const stored = (await deps.secrets.status()).available ? await deps.secrets.get(ANTHROPIC_KEY).catch(() => null) : null;
    const apiKey = stored ?? deps.env.ANTHROPIC_API_KEY;
    if (!apiKey) throw new ProviderError('auth', 'No Anthropic API key: store one in Settings → Providers (kept in the OS keychain), set ANTHROPIC_API_KEY, or use Ollama.');
    deps.redactor.addSecret(apiKey);
    const { AnthropicProvider } = await import('./providers/anthropic-provider');
    return { provider: new AnthropicProvider({ apiKey, baseURL: choice.baseUrl ?? deps.env.ANTHROPIC_BASE_URL }), model: choice.model ?? settings.anthropicModel };
  }
  throw new Error(`The provider is anthropic, ollama or scripted, not "${choice.provider}".`);
}
