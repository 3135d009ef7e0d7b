import { assess, type RiskAssessment } from '../../risk';
import type { Args } from '../command-args';

/**
 * Git runs programs named in its configuration: a read like `git status` runs `core.fsmonitor`,
 * `git log` runs `core.pager`, `git fetch` runs `core.sshCommand`. So `-c key=value`, `git config`
 * and `GIT_CONFIG_*` are only as safe as the keys they set.
 */
const runsProgram = /^(core\.(fsmonitor|pager|editor|sshcommand|hookspath|gitproxy|askpass|alternaterefscommand)|diff\.external|diff\.[^.]+\.(command|textconv)|merge\.[^.]+\.driver|filter\.[^.]+\.(clean|smudge|process)|pager\..+|alias\..+|credential\.(.+\.)?helper|gpg\.(.+\.)?program|sequence\.editor|uploadpack\.packobjectshook|remote\.[^.]+\.(uploadpack|receivepack|proxy)|protocol\.(allow|ext\.allow)|include\.path|includeif\..+\.path|init\.templatedir|web\.browser|browser\..+\.(cmd|path)|man\..+\.(cmd|path)|(diff|merge)tool\..+\.(cmd|path)|sendemail\..+|interactive\.difffilter|ssh\.variant|gc\..*hook|receive\..*hook|http\..*(cookiefile|sslkey|sslcert)|core\.(worktree|repositoryformatversion)|safe\.directory)$/;
/** Keys that only change how output looks: safe for a read. */
const cosmetic = /^(color\..+|core\.(quotepath|abbrev|autocrlf|safecrlf|whitespace)|log\.(date|decorate|abbrevcommit|follow|showroot|mailmap)|format\.(pretty|date)|diff\.(noprefix|renames|algorithm|mnemonicprefix|relative|context|indentheuristic|colormoved|statgraphwidth)|advice\..+|i18n\..+|column\..+|user\.(name|email)|init\.defaultbranch|pull\.(rebase|ff)|grep\.(linenumber|extendedregexp|patterntype)|status\.(short|branch|showuntrackedfiles)|blame\..+|versionsort\..+|tag\.sort|branch\.sort)$/;

/** The risk of setting one configuration key (lower-cased before matching, as git does). */
export function gitConfigKeyRisk(key: string, value = ''): RiskAssessment {
  const name = key.toLowerCase();
  if (runsProgram.test(name)) return assess(name === 'core.hookspath' ? 'critical' : 'destructive', `git config ${key} makes git run ${value.slice(0, 60) || 'a program'} on later commands`);
  if (cosmetic.test(name)) return assess('read', `git -c ${key} only changes how output looks`);
  return assess('write', `git config ${key} changes how git behaves`);
}

/** Global options before the verb: `-C dir`, `-c key=value`, `--git-dir`, `--exec-path`, `--no-pager`… */
export function gitGlobalOptions(args: Args): { rest: Args; risks: RiskAssessment[] } {
  const risks: RiskAssessment[] = [];
  let i = 0;
  while (i < args.length) {
    const arg = args[i];
    if (arg === null) return { rest: args.slice(i), risks: [...risks, assess('destructive', 'git is given options known only at run time')] };
    if (arg === undefined || !arg.startsWith('-')) break;
    if (arg === '-c' || arg === '--config-env' || arg.startsWith('--config-env=')) {
      const attached = arg.startsWith('--config-env=');
      const setting = attached ? arg.slice(13) : args[i + 1];
      if (setting === null || setting === undefined) risks.push(assess('destructive', `git ${arg} with a setting known only at run time`));
      else {
        const [key = '', value = ''] = splitSetting(setting);
        // --config-env takes the value from the environment, so only the key is known.
        risks.push(arg !== '-c' && !cosmetic.test(key.toLowerCase()) ? combine2(gitConfigKeyRisk(key, value), 'write') : gitConfigKeyRisk(key, value));
      }
      i += attached ? 1 : 2;
      continue;
    }
    if (/^--exec-path=/.test(arg)) risks.push(assess('destructive', 'git --exec-path makes git run its commands from another folder'));
    else if (/^(-C|--git-dir|--work-tree|--namespace|--super-prefix)$/.test(arg)) i += 1;
    else if (!/^(--git-dir=|--work-tree=|--namespace=|--no-pager$|-P$|-p$|--paginate$|--bare$|--no-replace-objects$|--literal-pathspecs$|--glob-pathspecs$|--noglob-pathspecs$|--icase-pathspecs$|--no-optional-locks$|--no-advice$|--version$|--help$|-v$|-h$|--exec-path$|--html-path$|--man-path$|--info-path$|--list-cmds=)/.test(arg)) {
      risks.push(assess('write', `git ${arg} is an option Reign does not know`));
    }
    i += 1;
  }
  return { rest: args.slice(i), risks };
}

const combine2 = (risk: RiskAssessment, floor: 'write'): RiskAssessment => (risk.risk === 'read' ? assess(floor, ...risk.reasons) : risk);

function splitSetting(setting: string): [string, string] {
  const at = setting.indexOf('=');
  return at < 0 ? [setting, ''] : [setting.slice(0, at), setting.slice(at + 1)];
}

/** Options of a verb that run a program or write a file, whatever the verb (`--upload-pack`, `ext::` URLs, `--output`). */
export function gitVerbOptionRisks(verb: string, tail: Args): RiskAssessment[] {
  const risks: RiskAssessment[] = [];
  tail.forEach((arg, index) => {
    if (arg === null) return;
    if (/^(--upload-pack|--receive-pack|--exec)(=|$)/.test(arg) || (arg === '-u' && /^(fetch|clone|ls-remote|pull|archive)$/.test(verb))) risks.push(assess('destructive', `git ${verb} ${arg.split('=')[0]} runs the program it is given`));
    if (/^(-O|--open-files-in-pager)/.test(arg) && verb === 'grep') risks.push(assess('destructive', 'git grep --open-files-in-pager runs the program it is given'));
    if ((arg === '-x' || arg.startsWith('--exec')) && verb === 'rebase') risks.push(assess('destructive', 'git rebase --exec runs a command after each commit'));
    if (/^ext::/.test(arg) || /(^|\s)ext::/.test(arg)) risks.push(assess('destructive', `the ext:: remote ${arg.slice(0, 60)} runs a command`));
    if (/^--output(=|$)/.test(arg)) risks.push(assess('write', `git ${verb} --output writes ${arg.includes('=') ? arg.slice(9) : (tail[index + 1] ?? 'a file')}`));
    if (/^--(ext-diff|textconv)$/.test(arg)) risks.push(assess('write', `git ${verb} ${arg} runs the diff programs the repository configures`));
  });
  if (verb === 'config') risks.push(...configWrites(tail));
  return risks;
}

/** `git config key value`, `git config set key value`, `git config --add key value`: the key decides. */
function configWrites(tail: Args): RiskAssessment[] {
  const words = tail.filter((arg): arg is string => arg !== null && !arg.startsWith('-'));
  const reading = tail.some((arg) => arg !== null && /^(-l|--list|--get|--get-all|--get-regexp|--get-urlmatch|--show-origin)$/.test(arg)) || /^(get|list)$/.test(words[0] ?? '');
  if (reading) return [];
  const [key, value] = /^(set|unset|rename-section|remove-section|edit)$/.test(words[0] ?? '') ? [words[1], words[2]] : [words[0], words[1]];
  if (!key || (value === undefined && !tail.some((arg) => arg === '--unset' || arg === '--unset-all'))) return [];
  return [gitConfigKeyRisk(key, value ?? '')];
}
