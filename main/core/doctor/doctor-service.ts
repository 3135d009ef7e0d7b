import { arch, platform } from 'node:os';
import type { AnthropicCheck, DoctorReport, KeychainCheck } from '../../../preload/contract';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { REIGN_VERSION } from '../version';
import { type BinarySpec, binarySpecs, probeBinary } from './probes/binary-probe';
import { resolveDockerEndpoint } from '../families/docker/docker-endpoint';
import { probeDocker } from '../families/docker/docker-probe';
import { probeKubernetes } from '../families/kubernetes/kube-probe';
import { probeOllama } from './probes/ollama-probe';

export interface DoctorDependencies {
  readonly secrets: SecretStore;
  readonly settings: SettingsService;
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Looks at what this machine has for Reign to work with; every probe runs in parallel with a timeout. */
export class DoctorService {
  constructor(private readonly deps: DoctorDependencies) {}

  async run(): Promise<DoctorReport> {
    const env = this.deps.env ?? process.env;
    const settings = this.deps.settings.get();
    const binary = (spec: BinarySpec) => probeBinary(spec, env);
    const [docker, helm, terraform, git, kubectl, keychain, ollama] = await Promise.all([
      probeDocker(resolveDockerEndpoint(env)),
      binary(binarySpecs.helm),
      binary(binarySpecs.terraform),
      binary(binarySpecs.git),
      binary(binarySpecs.kubectl),
      this.keychainCheck(),
      probeOllama(settings.ollamaUrl),
    ]);
    return {
      schemaVersion: 1,
      reignVersion: REIGN_VERSION,
      generatedAt: new Date().toISOString(),
      platform: { os: platform(), arch: arch(), node: process.versions.node },
      dataDir: this.deps.dataDir,
      checks: {
        docker,
        kubernetes: probeKubernetes(env),
        helm,
        terraform,
        git,
        kubectl,
        keychain,
        ollama,
        anthropic: await this.anthropicCheck(keychain.status === 'ok'),
      },
    };
  }

  private async keychainCheck(): Promise<KeychainCheck> {
    const status = await this.deps.secrets.status();
    return status.available
      ? { status: 'ok', summary: `${status.backend} is available`, fix: null, backend: status.backend }
      : { status: 'error', summary: `${status.backend} is not available`, fix: status.problem, backend: status.backend };
  }

  private async anthropicCheck(keychainOk: boolean): Promise<AnthropicCheck> {
    if (!keychainOk) {
      return { status: 'error', keyStored: false, summary: 'Cannot tell whether an Anthropic key is stored: the keychain is not available', fix: 'Fix the keychain first (see above).' };
    }
    const keyStored = await this.deps.secrets.has('anthropic-api-key');
    return keyStored
      ? { status: 'ok', keyStored, summary: 'An Anthropic API key is stored in the keychain', fix: null }
      : { status: 'missing', keyStored, summary: 'No Anthropic API key stored', fix: 'Add one in Settings → Providers (or use a local Ollama model).' };
  }
}
