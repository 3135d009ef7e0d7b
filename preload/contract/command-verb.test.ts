import { describe, expect, it } from 'vitest';
import { commandHasVerb, simpleCommandWords, suggestVerb } from './command-verb';
import { globsOverlap } from './glob';
import { ruleIdOf } from './policy-rules';
import { PolicyRuleSchema } from './settings';

describe('command verbs', () => {
  it('reads the words of a simple command, quotes included as data', () => {
    expect(simpleCommandWords(`git commit -m 'fix: a; b' --author "Me <me@x>"`)?.map((word) => word.text)).toEqual(['git', 'commit', '-m', 'fix: a; b', '--author', 'Me <me@x>']);
    expect(simpleCommandWords('   ')).toBeNull();
    expect(simpleCommandWords('echo "$(id)"')).toBeNull();
    expect(simpleCommandWords('a=1')).toBeNull();
  });

  it('offers the command and its subcommand as the verb, or nothing for a command that is not simple', () => {
    expect(suggestVerb('kubectl get pods -n web')).toBe('kubectl get');
    expect(suggestVerb('git status')).toBe('git status');
    expect(suggestVerb('ls -la')).toBe('ls');
    expect(suggestVerb('cat README.md')).toBe('cat');
    expect(suggestVerb('./build.sh --fast')).toBe('./build.sh');
    expect(suggestVerb('git status && git push')).toBeNull();
    expect(suggestVerb('"rm" -rf x')).toBeNull();
  });

  it('matches whole words only', () => {
    expect(commandHasVerb('git status -s', 'git status')).toBe(true);
    expect(commandHasVerb('git statusx', 'git status')).toBe(false);
    expect(commandHasVerb('git', 'git status')).toBe(false);
  });

  it('stores only plain verbs', () => {
    const rule = { tool: 'shell.exec', decision: 'allow' as const };
    expect(PolicyRuleSchema.safeParse({ ...rule, verb: 'kubectl get' }).success).toBe(true);
    for (const verb of ['', 'kubectl  get', ' kubectl', 'kubectl -n', 'rm;', 'a b c d e', 'A=1 kubectl']) expect(PolicyRuleSchema.safeParse({ ...rule, verb }).success).toBe(false);
  });

  it('gives rules without an id a stable one derived from what they say', () => {
    const rule = { tool: 'docker.*', decision: 'ask' as const };
    expect(ruleIdOf(rule)).toBe(ruleIdOf({ ...rule }));
    expect(ruleIdOf(rule)).not.toBe(ruleIdOf({ ...rule, decision: 'deny' }));
    expect(ruleIdOf({ ...rule, id: 'rule-1' })).toBe('rule-1');
  });
});

describe('globsOverlap', () => {
  it('says whether some target id matches both patterns', () => {
    expect(globsOverlap('*', 'kubernetes:prod-*')).toBe(true);
    expect(globsOverlap('kubernetes:*', 'kubernetes:prod-*')).toBe(true);
    expect(globsOverlap('kubernetes:prod-eu/payments', 'kubernetes:prod-*')).toBe(true);
    expect(globsOverlap('kubernetes:dev/*', 'kubernetes:prod-*')).toBe(false);
    expect(globsOverlap('docker:*', 'kubernetes:*')).toBe(false);
    expect(globsOverlap('workspace:/a?c', 'workspace:/abc')).toBe(true);
    expect(globsOverlap('workspace:/a', 'workspace:/ab')).toBe(false);
  });
});
