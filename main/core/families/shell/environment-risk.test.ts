import { beforeAll, describe, expect, it } from 'vitest';
import { familyVerbs } from '../../../../e2e/fixtures/family-tools';
import { createShellAnalyzer } from '../../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../../policy/shell/shell-analyzer';
import { shellExec } from './shell-exec-tool';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});
const risk = (command: string, env?: Record<string, string>) => shellExec.risk({ input: shellExec.input.parse({ command, env }), ctx: { shell } as never, facts: undefined });

describe('shell.exec classifies its environment with its command', () => {
  it('variables that make bash or the programs it runs execute other code make the step destructive, and say why', () => {
    const cases: Record<string, string>[] = [
      { 'BASH_FUNC_ls%%': '() { rm -rf ~; }' },
      { BASH_ENV: './evil.sh' },
      { ENV: './evil.sh' },
      { LD_PRELOAD: './evil.so' },
      { PATH: './bin:/usr/bin' },
      { GIT_SSH_COMMAND: 'sh -c "touch pwned"' },
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: 'touch pwned' },
      { NODE_OPTIONS: '--require ./evil.js' },
      { PYTHONSTARTUP: './evil.py' },
      { PERL5OPT: '-Mevil' },
      { PAGER: 'sh -c "touch pwned"' },
      { DOCKER_HOST: 'tcp://prod:2375' },
      { 'BAD NAME': 'x' },
    ];
    for (const env of cases) expect(risk('ls', env), JSON.stringify(env)).toMatchObject({ risk: 'destructive', reasons: expect.arrayContaining([expect.stringMatching(new RegExp(`${Object.keys(env)[0]!.replace(/[%]/g, '.')}|not a plain name`))]) });
    expect(risk('ls', { LD_PRELOAD: './evil.so' }).reasons[0]).toMatch(/loads other code into every program/);
  });

  it('data variables keep the command\'s own risk', () => {
    expect(risk('ls', { GREETING: 'hello', PORT: '8080' }).risk).toBe('read');
    expect(risk('rm -rf build', { FOO: 'bar' }).risk).toBe('destructive');
    expect(risk('ls').risk).toBe('read');
  });
});
