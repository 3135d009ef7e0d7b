import { describe, expect, it, vi } from 'vitest';
import { ErrorCodes } from '../../../preload/contract';
import { CommandDispatcher } from './command-dispatcher';
import type { CommandHandlers } from './command-handlers';

const context = { host: 'serve' as const, signal: new AbortController().signal };

function dispatcher(overrides: Partial<CommandHandlers> = {}): CommandDispatcher {
  const notUsed = () => {
    throw new Error('not used in this test');
  };
  const handlers = new Proxy(overrides, { get: (target, name: string) => target[name as keyof CommandHandlers] ?? notUsed }) as CommandHandlers;
  return new CommandDispatcher(handlers);
}

describe('CommandDispatcher', () => {
  it('runs the handler with the validated request and wraps its result', async () => {
    const result = await dispatcher({ 'app.ping': ({ message }) => ({ message: message.toUpperCase(), receivedAt: 'now' }) }).dispatch('app.ping', { message: 'hi' }, context);
    expect(result).toEqual({ ok: true, result: { message: 'HI', receivedAt: 'now' } });
  });

  it('refuses a command the contract does not declare, including inherited property names', async () => {
    for (const name of ['shell.run', 'constructor', '__proto__']) {
      expect(await dispatcher().dispatch(name, {}, context)).toMatchObject({ ok: false, error: { code: ErrorCodes.unknownCommand } });
    }
  });

  it('refuses a request that fails its schema before any handler runs, naming the field', async () => {
    let called = false;
    const result = await dispatcher({ 'settings.update': () => ((called = true), undefined as never) }).dispatch('settings.update', { patch: { theme: 'purple' } }, context);
    expect(called).toBe(false);
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.invalidRequest, issues: [{ path: 'patch.theme' }] } });
  });

  it('keeps the code and message of an error a service throws, without its stack', async () => {
    const error = Object.assign(new Error('The OS keychain is not available'), { code: 'KEYCHAIN_UNAVAILABLE', name: 'KeychainUnavailableError' });
    const result = await dispatcher({
      'secrets.delete': () => {
        throw error;
      },
    }).dispatch('secrets.delete', { name: 'anthropic-api-key' }, context);
    expect(result).toEqual({ ok: false, error: { name: 'KeychainUnavailableError', code: 'KEYCHAIN_UNAVAILABLE', message: 'The OS keychain is not available' } });
  });

  it('does not pass on a response that breaks the contract, and says so on stderr', async () => {
    // Captured, so a passing run prints no error a reader takes for a failure.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await dispatcher({ 'app.ping': () => ({ message: 42 }) as never }).dispatch('app.ping', { message: 'x' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.invalidResponse } });
    expect(logged).toHaveBeenCalledWith('reign: app.ping produced a response that does not match the contract:', expect.any(Array));
    logged.mockRestore();
  });
});
