import type { ReignApi } from '../../../preload/contract';

/** For slice tests: a contract API whose commands are given per test; any other call fails the test. */
export function scriptedApi(commands: Partial<Record<string, (request: any) => Promise<unknown>>>): ReignApi {
  return {
    commands: new Proxy(commands, {
      get: (target, name: string) => target[name] ?? (() => Promise.reject(new Error(`unexpected call to ${name}`))),
    }) as ReignApi['commands'],
    events: {} as ReignApi['events'],
  };
}
