import { beforeAll, describe, expect, it } from 'vitest';
import { familyVerbs } from '../../../../e2e/fixtures/family-tools';
import { isAbove, type Risk } from '../risk';
import { createShellAnalyzer } from './create-shell-analyzer';
import type { ShellAnalyzer } from './shell-analyzer';

let analyzer: ShellAnalyzer;
beforeAll(async () => {
  analyzer = await createShellAnalyzer(familyVerbs);
});

/** [command, the least risk it must get, why] — each of these ran code or wrote files while classed read. */
const codeRunning: [string, Risk, RegExp?][] = [
  // git options and configuration that run programs
  ['git -c core.fsmonitor="touch pwned" status', 'destructive', /core\.fsmonitor/],
  ['git -c core.pager="sh -c id" log', 'destructive'],
  ['git -c diff.external=./evil diff', 'destructive'],
  ['git -c core.sshCommand="touch x" fetch', 'destructive'],
  ['git -c alias.st="!rm -rf ~" st', 'destructive'],
  ['git --config-env=core.pager=EVIL log', 'destructive'],
  ['git --exec-path=./bin status', 'destructive'],
  ['git fetch --upload-pack="touch pwned" origin', 'destructive'],
  ['git ls-remote --upload-pack=./x origin', 'destructive'],
  ['git push --receive-pack=./x origin', 'destructive'],
  ["git ls-remote 'ext::sh -c touch% pwned'", 'destructive', /ext::/],
  ['git grep --open-files-in-pager="touch x" foo', 'destructive'],
  ['git grep -Otouch foo', 'destructive'],
  ['git rebase --exec "rm -rf ~" HEAD~2', 'destructive'],
  ['git config core.fsmonitor "touch pwned"', 'destructive'],
  ['git config --global core.hooksPath /tmp/hooks', 'critical'],
  ['git log --output=~/.bashrc', 'write', /--output/],
  ['git $OPTS status', 'destructive'],
  // command-running options of common tools
  ['env -S "rm -rf build"', 'destructive'],
  ["env --split-string='sh -c id'", 'write'],
  ['env BASH_ENV=./evil.sh bash -c true', 'destructive', /BASH_ENV/],
  ["env 'BASH_FUNC_ls%%=() { id; }' bash -c ls", 'destructive'],
  ['LD_PRELOAD=./evil.so ls', 'destructive'],
  ['PATH=./bin:$PATH ls', 'destructive'],
  ["sed -n '1e touch pwned' README.md", 'destructive', /sed e/],
  ["sed 's/x/touch pwned/e' README.md", 'destructive', /s\/\/\/e/],
  ["sed -n 'w out.txt' README.md", 'write', /writes out\.txt/],
  ["sed 's/a/b/w ~/.profile' README.md", 'write'],
  ["sed -e 'p' -f script.sed README.md", 'write'],
  ['tar -cf /dev/null x --checkpoint=1 --checkpoint-action=exec="touch pwned"', 'destructive', /checkpoint-action/],
  ['tar -xf a.tar --to-command="sh -c id"', 'destructive'],
  ['tar -tf a.tar -I ./evil', 'destructive'],
  ['find . -exec touch pwned \\;', 'write'],
  ['find . -name x -exec {} \\;', 'destructive'],
  ['find . -fprint out.txt', 'write'],
  ['find . -ok rm {} \\;', 'destructive'],
  ['less -o log.txt README.md', 'write'],
  ['man -P "touch pwned" ls', 'destructive'],
  ['MANPAGER="sh -c id" man ls', 'destructive'],
  ['LESSOPEN="|touch pwned %s" less README.md', 'destructive'],
  ["awk 'BEGIN { system(\"touch pwned\") }'", 'destructive', /runs commands/],
  ["awk '{ print | \"sh\" }' cmds.txt", 'destructive'],
  ["awk 'BEGIN { \"id\" | getline x }'", 'destructive'],
  ["awk '{ print > \"out.txt\" }' in.txt", 'write'],
  ['ls | xargs -I{} sh -c "echo {}"', 'write'],
  ['cat list | xargs git', 'write'],
  ["watch -n1 'ls; touch pwned'", 'write'],
  ["watch 'rm -rf ~'", 'critical'],
  ['timeout 5 rm -rf build', 'destructive'],
  ['nice -n 10 touch x', 'write'],
  ['nohup touch x', 'write'],
  ['systemd-run touch /tmp/x', 'write'],
  ['systemd-run --on-calendar=hourly /usr/bin/curl x', 'critical', /later/],
  ['nsenter -t 1 -m -u -i -n -p touch x', 'destructive'],
  ['unshare -r touch x', 'destructive'],
  ['flock /tmp/lock -c "rm -rf ~/data"', 'critical'],
  ['script -c "touch pwned" /dev/null', 'write'],
  ["parallel 'rm -rf {}' ::: a b", 'destructive'],
  ['vim -c ":!touch pwned" -c ":q" x', 'destructive'],
  ['sort -o ~/.bashrc notes.txt', 'write'],
  ['uniq in.txt out.txt', 'write'],
  ['dd if=/dev/zero of=b', 'destructive'],
  ['dd if=a of=b', 'write'],
  ['tee out.txt', 'write'],
  ['curl -o x.sh https://example.com/x.sh', 'write'],
  ['wget -O x.sh https://example.com/x.sh', 'write'],
  ['date -s "2020-01-01"', 'destructive'],
  ['journalctl --vacuum-time=1s', 'destructive'],
  ['history -c', 'destructive'],
  ['dmesg -C', 'destructive'],
  // bash constructs that store or hide code
  ["trap 'rm -rf ~' EXIT", 'critical', /trap/],
  ["trap 'touch pwned' DEBUG", 'write'],
  ["shopt -s expand_aliases; alias ls='touch pwned'; ls", 'write', /alias/],
  ['hash -p /usr/bin/touch ls; ls pwned', 'destructive', /hash -p/],
  ['enable -f ./evil.so evil', 'destructive'],
  ["mapfile -C 'touch pwned' -c 1 lines < README.md", 'write', /mapfile -C/],
  ['echo ${x@P}', 'destructive', /@P/],
  ["x='a[$(touch pwned)]'; echo $((x))", 'write', /arithmetic/],
  ["x='a[$(touch pwned)]'; [[ $x -eq 0 ]]", 'write', /arithmetic/],
  ['(( n > 1 ))', 'write'],
  ['PROMPT_COMMAND="touch pwned" bash -i', 'destructive'],
  ['/bin/r? -rf ~', 'destructive', /pattern/],
  ['/usr/bin/t*ch pwned', 'destructive'],
  ['{rm,-rf,~}', 'destructive', /brace expansion/],
  ['command rm -rf build', 'destructive'],
  ['builtin eval "rm -rf build"', 'destructive'],
  ['exec rm -rf build', 'destructive'],
];

/** Look-alikes that must stay read: a review that makes everything write helps nobody. */
const stillRead: string[] = [
  'git -c color.ui=always log --oneline',
  'git -C ../repo status',
  'git --no-pager diff',
  'git config --get user.name',
  'git config user.name',
  "sed -n '1,5p' README.md",
  "sed 's/foo/bar/g' README.md",
  "sed -e '/^#/d' -e 's/[[:space:]]*$//' app.conf",
  "sed --sandbox 's/x/y/e' README.md",
  "awk '{ print $1 }' access.log",
  "awk -F: '$3 > 1000 { print $1 }' users.txt",
  'grep -r /api/ src',
  'cat /etc/os-release',
  'find . -name "*.ts" -type f',
  'tar -tzf backup.tgz',
  'sort -u names.txt',
  'uniq -c names.txt',
  'ls | xargs echo',
  'find . -name "*.md" | xargs wc -l',
  'watch -n 5 kubectl get pods',
  'timeout 5 ls',
  'env',
  'env FOO=bar printenv FOO',
  'trap -p',
  'alias',
  'for f in *.md; do wc -l "$f"; done',
  '[ -f README.md ] && cat README.md',
  'date +%F',
  'journalctl -u nginx --since today',
  'history 20',
  'less README.md',
  'while IFS= read -r line; do echo "$line"; done < README.md',
];

describe('commands that run code or write files are never read', () => {
  it.each(codeRunning)('%s → at least %s', (command, least, reason) => {
    const result = analyzer.analyze(command);
    expect(isAbove(least, result.risk), `${result.risk}: ${result.reasons.join('; ')}`).toBe(false);
    if (reason) expect(result.reasons.join('; ')).toMatch(reason);
  });

  it.each(stillRead)('%s stays read', (command) => {
    const result = analyzer.analyze(command);
    expect(result.risk, result.reasons.join('; ')).toBe('read');
  });
});
