import { arch, platform } from 'node:os';
import type { AnthropicCheck, DoctorReport, KeychainCheck } from '../../../preload/contract';
import { ANTHROPIC_KEY, type SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { REIGN_VERSION } from '../version';
import type { DoctorProbe, FamilyCheck } from '../families/family';
import { probeOllama } from './probes/ollama-probe';
import { type AccessWhere, noSecrets } from '../tools/access';

export interface DoctorDependencies {
  readonly secrets: SecretStore;
  readonly settings: SettingsService;
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The checks the families contribute. */
  readonly probes: readonly DoctorProbe[];
  /** The declared credentials, for probes that sign in (GitHub's account and rate limit). */
  readonly secret?: AccessWhere['secret'];
}

/** A probe that hangs must not hold the whole report. */
const PROBE_TIME_LIMIT_MS = 10_000;

/** Looks at what this machine has for Reign to work with; every probe runs in parallel with a timeout. */
export class DoctorService {
  constructor(private readonly deps: DoctorDependencies) {}

  private familyCache: { at: number; checks: Promise<Record<string, FamilyCheck>> } | null = null;

  /** Only the families' checks, reused for a minute (a full run refreshes them): what the agent's tool sets are chosen by. */
  familyChecks(): Promise<Record<string, FamilyCheck>> {
    return this.familyCache && Date.now() - this.familyCache.at <= 60_000 ? this.familyCache.checks : this.probeFamilies();
  }

  /** Runs every family probe once and keeps the answer for familyChecks. */
  private probeFamilies(): Promise<Record<string, FamilyCheck>> {
    const env = this.deps.env ?? process.env;
    const checks = Promise.all(this.deps.probes.map(async (probe) => [probe.name, await runProbe(probe, env, this.deps.secret ?? noSecrets)] as const)).then((entries) => Object.fromEntries(entries));
    this.familyCache = { at: Date.now(), checks };
    return checks;
  }

  async run(): Promise<DoctorReport> {
    const settings = this.deps.settings.get();
    const [familyChecks, keychain, ollama] = await Promise.all([this.probeFamilies(), this.keychainCheck(), probeOllama(settings.ollamaUrl)]);
    return {
      schemaVersion: 1,
      reignVersion: REIGN_VERSION,
      generatedAt: new Date().toISOString(),
      platform: { os: platform(), arch: arch(), node: process.versions.node },
      dataDir: this.deps.dataDir,
      checks: {
        ...familyChecks,
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
    const keyStored = await this.deps.secrets.has(ANTHROPIC_KEY);
    return keyStored
      ? { status: 'ok', keyStored, summary: 'An Anthropic API key is stored in the keychain', fix: null }
      : { status: 'missing', keyStored, summary: 'No Anthropic API key stored', fix: 'Add one in Settings → Providers (or use a local Ollama model).' };
  }
}

/** One family's check, bounded in time; a probe that throws is reported as its check's error. */
async function runProbe(probe: DoctorProbe, env: NodeJS.ProcessEnv, secret: AccessWhere['secret']): Promise<FamilyCheck> {
  const required = probe.required ? { required: true } : {};
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<FamilyCheck>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'error', summary: `${probe.name}: no answer within ${PROBE_TIME_LIMIT_MS / 1000} s`, fix: `Check ${probe.name} by hand; it did not answer in time.` }), PROBE_TIME_LIMIT_MS);
  });
  try {
    const check = await Promise.race([probe.run({ env, secret }), timeout]);
    return { ...check, ...required };
  } catch (error) {
    return { status: 'error', summary: `${probe.name} could not be checked: ${(error as Error).message}`, fix: null, ...required };
  } finally {
    clearTimeout(timer);
  }
}
