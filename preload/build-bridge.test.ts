import { describe, expect, it } from 'vitest';
import { commandNames, eventNames } from './contract';
import { buildBridge } from './build-bridge';

describe('buildBridge (what the preload exposes)', () => {
  it('exposes exactly one function per contract command and event, and nothing else', () => {
    const bridge = buildBridge({ invoke: async () => ({ ok: true, result: null }), on: () => () => {} });
    expect(Object.keys(bridge).sort()).toEqual(['commands', 'events']);
    expect(Object.keys(bridge.commands).sort()).toEqual([...commandNames].sort());
    expect(Object.keys(bridge.events).sort()).toEqual([...eventNames].sort());
    expect(Object.values(bridge.commands).every((fn) => typeof fn === 'function')).toBe(true);
    expect(Object.isFrozen(bridge.commands)).toBe(true);
  });

  it('sends each command on its own channel and passes the envelope back untouched', async () => {
    const calls: [string, unknown][] = [];
    const bridge = buildBridge({
      invoke: async (channel, payload) => (calls.push([channel, payload]), { ok: false, error: { name: 'X', code: 'C', message: 'm' } }),
      on: () => () => {},
    });
    expect(await bridge.commands['app.ping']({ message: 'hi' })).toEqual({ ok: false, error: { name: 'X', code: 'C', message: 'm' } });
    expect(calls).toEqual([['reign:command:app.ping', { message: 'hi' }]]);
  });

  it('subscribes to events on their channel and returns a disposer', () => {
    const subscribed: string[] = [];
    let disposed = false;
    const bridge = buildBridge({ invoke: async () => null, on: (channel) => (subscribed.push(channel), () => (disposed = true)) });
    const dispose = bridge.events['settings.changed'](() => {});
    expect(subscribed).toEqual(['reign:event:settings.changed']);
    dispose();
    expect(disposed).toBe(true);
  });
});
