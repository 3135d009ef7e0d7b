import { describe, expect, it } from 'vitest';
import { childEnvironment, valuesGivenToChild } from './mcp-child-env';
import { secretMasker } from './mcp-mask';
import { StdioServerConfigSchema } from './mcp-server-config';

const hostile = { PATH: '/usr/bin', HOME: '/home/me', LANG: 'en_US.UTF-8', LD_PRELOAD: '/tmp/evil.so', DYLD_INSERT_LIBRARIES: '/tmp/evil.dylib', NODE_OPTIONS: '--require /tmp/evil.js', GH_TOKEN: 'ghp_user', GITHUB_TOKEN: 'ghp_user2', ANTHROPIC_API_KEY: 'sk-ant-user', USER: 'me', SHELL: '/bin/zsh' };
const present = (env: Record<string, string | undefined>) => Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));

describe('the environment an MCP server starts with', () => {
  it('has PATH, HOME and LANG only, whatever else Reign runs with', async () => {
    const config = StdioServerConfigSchema.parse({ name: 's', command: 'x' });
    expect(present(await childEnvironment(config, hostile, undefined))).toEqual({ PATH: '/usr/bin', HOME: '/home/me', LANG: 'en_US.UTF-8' });
  });

  it('hides the SDK transport defaults (USER, SHELL…) it would otherwise copy from process.env', async () => {
    const config = StdioServerConfigSchema.parse({ name: 's', command: 'x' });
    const env = await childEnvironment(config, hostile, undefined);
    expect(Object.keys(env)).toContain('USER');
    expect(env.USER).toBeUndefined();
    expect(env.SHELL).toBeUndefined();
  });

  it('adds what the config names: values, keychain entries, inherited names', async () => {
    const config = StdioServerConfigSchema.parse({ name: 's', command: 'x', env: { API_URL: 'https://x', API_TOKEN: { fromKeychain: 'mcp-token' } }, inheritEnv: ['GH_TOKEN'] });
    const env = present(await childEnvironment(config, hostile, (name) => (name === 'mcp-token' ? 'tok_from_keychain' : null)));
    expect(env).toMatchObject({ API_URL: 'https://x', API_TOKEN: 'tok_from_keychain', GH_TOKEN: 'ghp_user' });
    expect(env.GITHUB_TOKEN).toBeUndefined();
  });

  it('refuses to start a server whose keychain entry is missing, naming the entry', async () => {
    const config = StdioServerConfigSchema.parse({ name: 's', command: 'x', env: { API_TOKEN: { fromKeychain: 'mcp-token' } } });
    await expect(childEnvironment(config, hostile, () => null)).rejects.toThrow(/API_TOKEN of MCP server "s" comes from the keychain entry "mcp-token", and none is stored/);
  });

  it('masks every value it was given, plain, inherited or from the keychain, wherever the server echoes one', async () => {
    const config = StdioServerConfigSchema.parse({ name: 's', command: 'x', env: { API_URL: 'plain_api_value', SHORT: 'abc', API_TOKEN: { fromKeychain: 'mcp-token' } }, inheritEnv: ['GH_TOKEN', 'NOT_SET'] });
    const env = await childEnvironment(config, { ...hostile, GH_TOKEN: 'ghp_user_passed_through' }, () => 'tok_from_keychain');
    const mask = secretMasker(valuesGivenToChild(config, env));
    const echoed = mask(`url=plain_api_value gh ghp_user_passed_through kc tok_from_keychain short abc home /home/me`);
    expect(echoed).toBe('url=[REDACTED secret] gh [REDACTED secret] kc [REDACTED secret] short abc home /home/me');
  });
});
