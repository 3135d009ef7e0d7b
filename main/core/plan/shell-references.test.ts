import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { substituteShellReferences, UnsafeReferenceError } from './shell-references';

const hostile = [`x'; touch pwned; echo '`, 'a"; touch pwned; echo "', '$(touch pwned)', '`touch pwned`', 'a\\"b; touch pwned', '; touch pwned #', "it's", 'line1\nline2; touch pwned', '*'];

/** Runs the filled-in command with bash in an empty folder: what it prints, and whether anything ran. */
function run(template: string, value: string): { printed: string; ran: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'reign-ref-'));
  const command = substituteShellReferences(template, () => value);
  const printed = execFileSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8' });
  return { printed, ran: existsSync(join(dir, 'pwned')) };
}

describe('step outputs go into shell commands as data', () => {
  it.each([
    ['a word of its own', 'printf %s ${steps.a.output.stdout}'],
    ['inside single quotes', "printf %s '${steps.a.output.stdout}'"],
    ['inside double quotes', 'printf %s "${steps.a.output.stdout}"'],
    ['inside $(…) inside double quotes', 'printf %s "$(printf %s ${steps.a.output.stdout})"'],
    ['glued to other text', 'printf %s pre-${steps.a.output.stdout}-post'],
  ])('%s: the value arrives unchanged and nothing in it runs', (_where, template) => {
    for (const value of hostile) {
      const { printed, ran } = run(template, value);
      expect(ran, `${template} with ${value}`).toBe(false);
      expect(printed.replace(/^pre-|-post$/g, '')).toBe(value);
    }
  });

  it('drops trailing newlines like $(…) does', () => {
    expect(substituteShellReferences('echo ${steps.a.output.stdout}', () => 'v1.2\n\n')).toBe("echo 'v1.2'");
  });

  it('refuses places where no quoting is safe, naming the reference and what to do', () => {
    for (const template of ['echo `echo ${steps.a.output.stdout}`', 'echo ${x:-${steps.a.output.stdout}}', "echo $'${steps.a.output.stdout}'", 'cat <<EOF\n${steps.a.output.stdout}\nEOF']) {
      expect(() => substituteShellReferences(template, () => 'v'), template).toThrow(UnsafeReferenceError);
    }
    expect(() => substituteShellReferences('cat <<EOF\n${steps.a.output.stdout}\nEOF', () => 'v')).toThrow(/steps\.a\.output\.stdout stands inside a here-document.*its own word/);
    expect(substituteShellReferences('cat <<< ${steps.a.output.stdout}', () => 'v')).toBe("cat <<< 'v'");
  });
});
