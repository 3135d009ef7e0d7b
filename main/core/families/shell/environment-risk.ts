import { assess, type RiskAssessment } from '../../policy/risk';

/**
 * Environment variables that make bash, or the programs a command runs, execute code other than
 * the command (or act on another target): exported functions, startup files, preloaded libraries,
 * interpreter options, pagers and editors, git's hooks into its config, where commands are found.
 */
const injecting: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^BASH_FUNC_|%%$/, why: 'defines a bash function that replaces a command' },
  { pattern: /^(BASH_ENV|ENV|PROMPT_COMMAND|PS4|SHELLOPTS|BASHOPTS|IFS|ZDOTDIR|HOME|XDG_CONFIG_HOME|INPUTRC)$/, why: 'makes the shell read or run other code' },
  { pattern: /^(LD_|DYLD_)/, why: 'loads other code into every program' },
  { pattern: /^PATH$/, why: 'changes which programs the command names run' },
  { pattern: /^GIT_/, why: 'changes which programs git runs (config, ssh, pager, diff, hooks)' },
  { pattern: /^(NODE_OPTIONS|NODE_PATH|PYTHONSTARTUP|PYTHONPATH|PYTHONHOME|PYTHONINSPECT|PERL5OPT|PERL5LIB|PERLLIB|RUBYOPT|RUBYLIB|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|PHPRC|LUA_INIT|LUA_PATH)$/, why: 'makes an interpreter run other code' },
  { pattern: /^(PAGER|MANPAGER|GIT_PAGER|LESSOPEN|LESSCLOSE|EDITOR|VISUAL|SSH_ASKPASS|SUDO_ASKPASS|BROWSER)$/, why: 'names a program that tools run for you' },
  { pattern: /^(DOCKER_HOST|DOCKER_CONTEXT|DOCKER_CONFIG|KUBECONFIG|AWS_PROFILE|AWS_CONFIG_FILE|CLOUDSDK_CONFIG|TF_CLI_CONFIG_FILE)$/, why: 'points the command at another engine, cluster or account than the step shows' },
];

/** The risk of the variables a shell step adds to the environment; plain data variables add none. */
export function environmentRisk(env: Readonly<Record<string, string>> | undefined): RiskAssessment {
  const reasons: string[] = [];
  for (const name of Object.keys(env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^BASH_FUNC_.+%%$/.test(name)) {
      reasons.push(`the variable name "${name}" is not a plain name`);
      continue;
    }
    const match = injecting.find((entry) => entry.pattern.test(name));
    if (match) reasons.push(`${name} in the environment ${match.why}`);
  }
  return reasons.length ? assess('destructive', ...reasons) : assess('read', 'the environment only adds data');
}
