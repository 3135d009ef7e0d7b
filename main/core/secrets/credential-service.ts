import type { CommandResponse } from '../../../preload/contract';
import type { Redactor } from '../audit/redactor';
import type { EventBus } from '../events/event-bus';
import type { SecretDeclaration } from '../families/family';
import { ANTHROPIC_KEY, type SecretStore } from './secret-store';

export interface CredentialDependencies {
  readonly store: SecretStore;
  /** The core's own credentials (the Anthropic key) and every family's. */
  readonly declared: readonly SecretDeclaration[];
  readonly redactor: Redactor;
  readonly events: EventBus;
  readonly env: NodeJS.ProcessEnv;
}

const badRequest = (message: string): Error => Object.assign(new Error(message), { code: 'BAD_REQUEST' });

/**
 * The credentials Reign may keep, by declared name: stored in the OS keychain only, masked by the
 * redactor from the moment they are known (at start, and when one is stored), tested on request.
 */
export class CredentialService {
  constructor(private readonly deps: CredentialDependencies) {}

  async status(): Promise<CommandResponse<'secrets.status'>> {
    const keychain = await this.deps.store.status();
    const secrets = await Promise.all(this.deps.declared.map(async (secret) => ({ name: secret.name, label: secret.label, stored: keychain.available ? await this.deps.store.has(secret.name) : false, testable: Boolean(secret.test), importFrom: secret.importFrom?.label ?? null })));
    return { keychain, anthropicKeyStored: secrets.find((secret) => secret.name === ANTHROPIC_KEY)?.stored ?? false, secrets };
  }

  async set(name: string, value: string): Promise<void> {
    const secret = this.declaration(name);
    const problem = secret.check?.(value);
    if (problem) throw badRequest(problem);
    await this.deps.store.set(name, value);
    this.deps.redactor.addSecret(value);
    this.deps.events.emit('secrets.changed', { name, stored: true });
  }

  /** Reads the credential from where it can be imported (`gh auth token`) and stores it; the value is never returned. */
  async import(name: string, signal: AbortSignal): Promise<{ stored: true; message: string }> {
    const secret = this.declaration(name);
    if (!secret.importFrom) throw badRequest(`${secret.label} cannot be imported; paste it instead.`);
    const { label, read } = secret.importFrom;
    let value: string;
    try {
      value = await read({ env: this.deps.env, signal });
    } catch (error) {
      throw badRequest((error as Error).message);
    }
    await this.set(name, value);
    return { stored: true, message: `${secret.label} imported from ${label} and stored in the keychain.` };
  }

  async delete(name: string): Promise<boolean> {
    this.declaration(name);
    const deleted = await this.deps.store.delete(name);
    this.deps.events.emit('secrets.changed', { name, stored: false });
    return deleted;
  }

  async test(name: string, signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    const secret = this.declaration(name);
    if (!secret.test) return { ok: false, message: `${secret.label} cannot be tested.` };
    const value = await this.deps.store.get(name);
    if (!value) return { ok: false, message: `No ${secret.label} is stored. Store one first.` };
    return secret.test(value, { env: this.deps.env, signal });
  }

  /** Every declared credential's value joins the redactor; a keychain that cannot be read is skipped. */
  async loadIntoRedactor(): Promise<void> {
    if (!(await this.deps.store.status()).available) return;
    for (const secret of this.deps.declared) this.deps.redactor.addSecret(await this.deps.store.get(secret.name).catch(() => null));
  }

  private declaration(name: string): SecretDeclaration {
    const secret = this.deps.declared.find((candidate) => candidate.name === name);
    if (!secret) throw badRequest(`Reign keeps no credential named "${name}". Known: ${this.deps.declared.map((candidate) => candidate.name).join(', ')}.`);
    return secret;
  }
}
