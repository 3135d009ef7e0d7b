import { assess, combine, type RiskAssessment } from '../../risk';
import { type Args, hasAny, hasFlag, positionals, sub } from '../command-args';
import type { Table } from './classifier';
import { gitGlobalOptions, gitVerbOptionRisks } from './git-options';

const readGit = /^(status|log|diff|show|blame|shortlog|describe|rev-parse|rev-list|ls-files|ls-tree|ls-remote|cat-file|grep|whatchanged|help|version|--version|show-ref|for-each-ref|name-rev|cherry|count-objects|fsck|verify-commit|var|check-ignore)$/;

function git(args: Args): RiskAssessment {
  const { rest, risks } = gitGlobalOptions(args);
  const verb = (rest[0] ?? '').toLowerCase();
  const tail = rest.slice(1);
  return combine([gitVerb(verb, tail), ...risks, ...gitVerbOptionRisks(verb, tail)]);
}

function gitVerb(verb: string, tail: Args): RiskAssessment {
  const text = tail.join(' ');
  if (readGit.test(verb) || !verb || hasAny(tail, '--help', '-h')) return assess('read', `git ${verb || ''}`.trim());
  switch (verb) {
    case 'push':
      if (hasFlag(tail, 'f', '--force', '--mirror', '--prune', '--delete') || /(^|\s)\+\S|(^|\s):\S/.test(text) || hasFlag(tail, 'd')) return assess('destructive', 'git push rewrites or deletes remote history/branches');
      if (hasFlag(tail, '', '--force-with-lease', '--force-if-includes')) return assess('write', 'git push --force-with-lease (refuses if the remote moved)');
      // The default branch is what everyone builds from and deploys: pushing straight to it is not a draft.
      if (positionals(tail).some((ref) => /^(\S*:)?(refs\/heads\/)?(main|master|trunk|production|prod)$/.test(ref))) return assess('destructive', 'git push publishes straight to the default branch');
      return assess('write', 'git push publishes commits');
    case 'reset':
      return hasFlag(tail, '', '--hard', '--merge', '--keep') ? assess('destructive', 'git reset --hard discards uncommitted changes') : assess('write', 'git reset moves HEAD');
    case 'clean':
      return hasFlag(tail, 'n', '--dry-run') ? assess('write', 'git clean --dry-run (lists the untracked files it would delete)') : assess('destructive', 'git clean deletes untracked files');
    case 'checkout':
    case 'restore':
      // Paths after a branch (`checkout main file.txt`) or a forced switch overwrite local changes.
      if (hasAny(tail, '.', '--', '--theirs', '--ours') || forced(tail, /[bB]/) || (verb === 'checkout' && checkoutPaths(tail).length > 1) || (verb === 'restore' && !hasFlag(tail, 'S', '--staged'))) return assess('destructive', `git ${verb} overwrites files with local changes`);
      return assess('write', `git ${verb}`);
    case 'branch':
      if (hasFlag(tail, 'D', '--delete') && (hasFlag(tail, 'D') || hasFlag(tail, 'f', '--force'))) return assess('destructive', 'git branch -D deletes a branch with unmerged work');
      if (hasFlag(tail, 'd', '--delete')) return assess('write', 'git branch -d deletes a merged branch');
      if (hasFlag(tail, 'fMC', '--force', '--move', '--copy') && positionals(tail).length) return assess('destructive', 'git branch --force/-M moves an existing branch, dropping the commits only it had');
      return positionals(tail).length ? assess('write', 'git branch creates a branch') : assess('read', 'lists branches');
    case 'tag':
      if (hasFlag(tail, 'd', '--delete')) return assess('destructive', 'git tag -d deletes a tag');
      return positionals(tail).length ? assess('write', 'creates a tag') : assess('read', 'lists tags');
    case 'stash':
      if (/^(drop|clear)$/.test(sub(tail))) return assess('destructive', `git stash ${sub(tail)} discards stashed work`);
      return /^(list|show)$/.test(sub(tail)) ? assess('read', 'lists stashes') : assess('write', 'git stash');
    case 'remote':
      return /^(remove|rm|prune|set-url)$/.test(sub(tail)) ? assess('destructive', `git remote ${sub(tail)}`) : positionals(tail).length ? assess('write', 'git remote') : assess('read', 'lists remotes');
    case 'config':
      return hasFlag(tail, 'l', '--get', '--list', '--get-all', '--get-regexp') || positionals(tail).length === 1 ? assess('read', 'reads git config') : assess('write', 'changes git config');
    case 'filter-branch':
    case 'filter-repo':
      return assess('destructive', `git ${verb} rewrites the whole history`);
    case 'update-ref':
      return hasFlag(tail, 'd', '--delete') ? assess('destructive', 'git update-ref -d deletes a ref') : assess('write', 'git update-ref');
    case 'gc':
    case 'prune':
      return /--prune=now|--expire=now/.test(text) || verb === 'prune' ? assess('destructive', 'git prunes unreachable objects for good') : assess('write', 'git gc');
    case 'rebase':
    case 'commit':
      if (verb === 'rebase' && hasFlag(tail, 'i', '--interactive', '--root')) return assess('destructive', 'git rebase --interactive can drop or squash commits');
      return hasFlag(tail, '', '--amend') || verb === 'rebase' ? assess('write', `git ${verb} rewrites local history`) : assess('write', 'git commit');
    case 'rm':
      return positionals(tail).some((path) => path === '.' || path === '*') ? assess('destructive', `git rm ${positionals(tail).join(' ')} removes every tracked file here`) : assess('write', 'git rm removes tracked files (recoverable from history)');
    case 'switch':
      return forced(tail, /[cC]/) || hasAny(tail, '--discard-changes') ? assess('destructive', 'git switch --force discards local changes') : assess('write', 'git switch');
    case 'worktree':
      // A worktree with changes is only removed with --force; prune drops administrative files.
      return (sub(tail) === 'remove' && hasFlag(tail, 'f', '--force')) ? assess('destructive', 'git worktree remove --force discards its uncommitted changes') : /^remove$|^prune$/.test(sub(tail)) ? assess('write', `git worktree ${sub(tail)} (refuses a worktree with changes)`) : sub(tail) === 'list' ? assess('read', 'lists worktrees') : assess('write', 'git worktree');
    case 'reflog':
      return /expire|delete/.test(text) ? assess('destructive', 'git reflog expire drops recovery points') : assess('read', 'git reflog');
    default:
      return assess('write', `git ${verb}`);
  }
}

/** `-f`/`--force`, or `f` in a cluster of short flags before any flag that takes a value (`-qf`, not `-bfeature`). */
function forced(tail: Args, valueFlags: RegExp): boolean {
  return tail.some((arg) => {
    if (arg === '--force') return true;
    if (arg === null || !/^-[a-zA-Z]+$/.test(arg)) return false;
    const at = arg.indexOf('f');
    return at > 0 && !valueFlags.test(arg.slice(1, at));
  });
}

/** checkout's words that are branches or paths, without the values of its options. */
function checkoutPaths(tail: Args): string[] {
  return tail.filter((arg, index): arg is string => arg !== null && !arg.startsWith('-') && !/^(-b|-B|--orphan|--conflict|--track|-t|--unified|-U|--pathspec-from-file)$/.test(tail[index - 1] ?? ''));
}

/** gh and glab: `gh pr list` is read, `gh repo delete` destroys, most else writes. */
function forgeCli(args: Args, name: string): RiskAssessment {
  const [group = '', verb = ''] = args.filter((arg, index): arg is string => arg !== null && !arg.startsWith('-') && !/^(-R|--repo|--hostname|-H|--header)$/.test(args[index - 1] ?? '')).map((word) => word.toLowerCase());
  const text = args.join(' ');
  if (group === 'api') {
    const method = /(?:-X|--method)[ =]?(\w+)/.exec(text)?.[1]?.toUpperCase() ?? (hasFlag(args, 'fF', '--field', '--raw-field', '--input') ? 'POST' : 'GET');
    if (method === 'DELETE') return assess('destructive', `${name} api DELETE`);
    return method === 'GET' ? assess('read', `${name} api GET`) : assess('write', `${name} api ${method}`);
  }
  if (/^(delete|archive|rename|transfer|disable|cancel|lock)$/.test(verb) || (verb === 'edit' && /--visibility/.test(text))) return assess('destructive', `${name} ${group} ${verb}`);
  if (/^(list|ls|view|status|diff|checks|show|browse|download|watch|verify)$/.test(verb) || /^(status|--version|version|help|search)$/.test(group)) return assess('read', `${name} ${group} ${verb}`.trim());
  if (group === 'secret' && /^(remove|delete)$/.test(verb)) return assess('destructive', `${name} secret ${verb}`);
  if (group === 'auth' && verb === 'status') return assess('read', `${name} auth status`);
  return assess('write', `${name} ${group} ${verb}`.trim());
}

export const vcsCommands: Table = { git, gh: forgeCli, glab: forgeCli, hub: forgeCli };
