import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { noSecrets } from '../../tools/access';
import { toolContext } from '../../tools/tool-definition';
import { answerFor, credentialRefusal, githubGitCredentialsKey, TOKEN_USERNAME } from './github-git-credential';
import { serveCredentialHelper } from './github-git-credential-helper';

const token = `ghp_${'T0k3n'.repeat(8)}`;
const credentials = (env: NodeJS.ProcessEnv, secret: (name: string) => string | null = noSecrets) => toolContext(tmpdir(), env, {} as never, secret).access(githubGitCredentialsKey);

/** `git credential fill` with Reign's helper as the only one: what git itself gets back for a protocol and host. */
async function fill(answer: Parameters<typeof serveCredentialHelper>[0], protocol: string, host: string) {
  const helper = await serveCredentialHelper(answer);
  try {
    // Asynchronous: the helper's socket is served by this process, which must keep running while git waits.
    const result = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('git', [...helper.configArgs, 'credential', 'fill'], { env: { PATH: process.env.PATH, HOME: tmpdir(), GIT_TERMINAL_PROMPT: '0' } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('close', (status: number | null) => resolve({ status, stdout }));
      child.stdin.end(`protocol=${protocol}\nhost=${host}\n\n`);
    });
    return { ...result, questions: [...helper.questions], args: helper.configArgs };
  } finally {
    await helper.close();
  }
}

describe('the credential helper git runs', () => {
  it('gives git the token for the configured GitHub host, through git credential fill', async () => {
    const answer = answerFor(credentials({ GITHUB_TOKEN: token }), []);
    const filled = await fill(answer, 'https', 'github.com');
    expect(filled.status).toBe(0);
    expect(filled.stdout).toContain(`username=${TOKEN_USERNAME}\npassword=${token}\n`);
    expect(filled.questions).toEqual([{ action: 'get', protocol: 'https', host: 'github.com', answered: true }]);
    // The arguments git is started with clear the user's helpers and name Reign's: no token in them.
    expect(filled.args.slice(0, 2)).toEqual(['-c', 'credential.helper=']);
    expect(filled.args.join(' ')).not.toContain(token);
    expect(filled.args[3]).toMatch(/^credential\.helper=!ELECTRON_RUN_AS_NODE=1 '.+' '.+credential-helper\.cjs'$/);
  });

  it('gives nothing to another host, or to the GitHub host over plain http (git then fails without prompting)', async () => {
    const answer = answerFor(credentials({ GITHUB_TOKEN: token }), []);
    for (const [protocol, host] of [['https', 'gitlab.com'], ['http', 'github.com'], ['https', 'github.com.evil.example']] as const) {
      const filled = await fill(answer, protocol, host);
      expect(filled.status, `${protocol}://${host}`).not.toBe(0);
      expect(filled.stdout).not.toContain(token);
      expect(filled.questions).toEqual([{ action: 'get', protocol, host, answered: false }]);
    }
  });

  it('an Enterprise Server host comes from GITHUB_API_URL; a loopback host may use http; a test may allow one more host', async () => {
    expect(credentials({ GITHUB_API_URL: 'https://ghe.example.com/api/v3' }).githubHost).toBe('ghe.example.com');
    expect(credentials({ GITHUB_API_URL: 'http://127.0.0.1:8123/api/v3' }).githubHost).toBe('127.0.0.1:8123');
    expect(credentialRefusal({ protocol: 'http', host: '127.0.0.1:8123' }, ['127.0.0.1:8123'])).toBeNull();
    expect(credentialRefusal({ protocol: 'http', host: 'ghe.example.com' }, ['ghe.example.com'])).toMatch(/only sent over https/);
    expect(credentialRefusal({ protocol: 'https', host: 'github.com' }, ['ghe.example.com'])).toMatch(/only to ghe\.example\.com/);
    const answer = answerFor(credentials({ GITHUB_TOKEN: token }), ['127.0.0.1:9999']);
    expect(answer({ action: 'get', protocol: 'http', host: '127.0.0.1:9999' })).toEqual({ username: TOKEN_USERNAME, password: token });
    expect(answer({ action: 'get', protocol: 'http', host: '127.0.0.1:9998' })).toBeNull();
  });

  it('the keychain is read only when git asks the GitHub host; with no token git gets nothing', async () => {
    let reads = 0;
    const fromKeychain = credentials({}, (name) => (reads++, name === 'github-token' ? token : null));
    const answer = answerFor(fromKeychain, []);
    expect(reads).toBe(0);
    expect(answer({ action: 'get', protocol: 'https', host: 'gitlab.com' })).toBeNull();
    expect(reads).toBe(0);
    expect(answer({ action: 'get', protocol: 'https', host: 'github.com' })?.password).toBe(token);
    expect(fromKeychain.mask(`x ${token} y`)).toBe('x [REDACTED github token] y');
    expect(answerFor(credentials({}), [])({ action: 'get', protocol: 'https', host: 'github.com' })).toBeNull();
  });

  it('a connection without the nonce gets nothing, and the helper leaves no file behind', async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('reign-git-credential-')).length;
    const helper = await serveCredentialHelper(() => ({ username: 'u', password: token }));
    const socketPath = /'([^']+)credential-helper\.cjs'$/.exec(helper.configArgs[3]!)![1] + 'helper.sock';
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(socketPath, () => socket.end(JSON.stringify({ nonce: 'guess', action: 'get', protocol: 'https', host: 'github.com' })));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(answer).not.toContain(token);
    expect(helper.questions).toEqual([]);
    await helper.close();
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('reign-git-credential-')).length).toBe(before);
  });
});
