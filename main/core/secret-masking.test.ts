import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../e2e/fixtures/test-core';
import type { Core } from './bootstrap';

// Credentials are masked in everything the core emits from the moment it knows them: a key in the
// environment from the start, a key stored from the UI as soon as it is stored.

let core: Core | undefined;
afterEach(() => core?.dispose());

const context = { host: 'serve' as const, signal: new AbortController().signal };

describe('secret masking in the core', () => {
  it('masks ANTHROPIC_API_KEY from the start and a key stored through the contract at once', async () => {
    const fromEnv = 'sk-ant-api03-' + 'e'.repeat(40);
    const stored = 'stored-key-' + 'k'.repeat(30);
    core = createTestCore({ PATH: process.env.PATH, HOME: '/tmp', ANTHROPIC_API_KEY: fromEnv });
    expect(core.redactor.redact(`key=${fromEnv}`)).not.toContain(fromEnv);
    expect(core.redactor.redact(`key=${stored}`)).toContain(stored);
    expect(await core.dispatcher.dispatch('secrets.set', { name: 'anthropic-api-key', value: stored }, context)).toMatchObject({ ok: true });
    expect(core.redactor.redact(`key=${stored}`)).not.toContain(stored);
  });
});
