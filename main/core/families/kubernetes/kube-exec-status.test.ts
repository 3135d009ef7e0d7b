import { describe, expect, it } from 'vitest';
import { exitCodeOf, shellLine } from './kube-exec-status';

describe('exitCodeOf', () => {
  it('is 0 on Success, the kubelet\'s ExitCode cause on NonZeroExitCode, and the code a runtime writes into its message', () => {
    expect(exitCodeOf({ status: 'Success' })).toBe(0);
    expect(exitCodeOf({ status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3', details: { causes: [{ reason: 'ExitCode', message: '3' }] } })).toBe(3);
    expect(exitCodeOf({ status: 'Failure', reason: 'InternalError', message: 'Internal error occurred: error executing command in container: cmd wait: sh -c exit 7: exit status 7' })).toBe(7);
  });

  it('is null when the command never ran', () => {
    expect(exitCodeOf({ status: 'Failure', reason: 'InternalError', message: 'error executing command in container: cmd start: nope : exec: "nope": executable file not found in $PATH' })).toBeNull();
    expect(exitCodeOf({ status: 'Failure' })).toBeNull();
  });
});

describe('shellLine', () => {
  it('quotes every word the shell would split or expand, so the analyzer sees the argv as it runs', () => {
    expect(shellLine(['echo', 'hi'])).toBe('echo hi');
    expect(shellLine(['sh', '-c', 'rm -rf / && echo $HOME'])).toBe(`sh -c 'rm -rf / && echo $HOME'`);
    expect(shellLine(['echo', "it's"])).toBe(`echo 'it'\\''s'`);
    expect(shellLine(['ls', '*'])).toBe(`ls '*'`);
  });
});
