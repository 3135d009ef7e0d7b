/**
 * Environment variables that make bash, or the programs a command runs, execute code other than
 * the command (or act on another target): exported functions, startup files, preloaded libraries,
 * interpreter options, pagers and editors, git's hooks into its config, where commands are found.
 * Read both for a step's `env` field and for `NAME=value` words inside the command text.
 */
const injecting: readonly { readonly pattern: RegExp; readonly why: string; readonly retargets?: true }[] = [
  { pattern: /^BASH_FUNC_|%%$/, why: 'defines a bash function that replaces a command' },
  { pattern: /^(BASH_ENV|ENV|PROMPT_COMMAND|PS4|SHELLOPTS|BASHOPTS|IFS|ZDOTDIR|HOME|XDG_CONFIG_HOME|INPUTRC)$/, why: 'makes the shell read or run other code' },
  { pattern: /^(LD_|DYLD_)/, why: 'loads other code into every program' },
  { pattern: /^PATH$/, why: 'changes which programs the command names run' },
  { pattern: /^GIT_/, why: 'changes which programs git runs (config, ssh, pager, diff, hooks)' },
  { pattern: /^(NODE_OPTIONS|NODE_PATH|PYTHONSTARTUP|PYTHONPATH|PYTHONHOME|PYTHONINSPECT|PERL5OPT|PERL5LIB|PERLLIB|RUBYOPT|RUBYLIB|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|PHPRC|LUA_INIT|LUA_PATH)$/, why: 'makes an interpreter run other code' },
  { pattern: /^(PAGER|MANPAGER|GIT_PAGER|LESSOPEN|LESSCLOSE|LESSKEY|LESS|EDITOR|VISUAL|SSH_ASKPASS|SUDO_ASKPASS|BROWSER|RESTIC_PASSWORD_COMMAND|SYSTEMD_PAGER)$/, why: 'names a program that tools run for you' },
  { pattern: /^(DOCKER_HOST|DOCKER_CONTEXT|DOCKER_CONFIG|KUBECONFIG|AWS_PROFILE|AWS_CONFIG_FILE|CLOUDSDK_CONFIG|TF_CLI_CONFIG_FILE)$/, why: 'points the command at another engine, cluster or account than the step shows', retargets: true },
];

export interface InjectingVariable {
  readonly why: string;
  /** It changes the target rather than running code. */
  readonly retargets: boolean;
}

/** Why setting `name` can make a command run other code (or act elsewhere); null for a plain data variable. */
export function injectingVariable(name: string): InjectingVariable | null {
  const match = injecting.find((entry) => entry.pattern.test(name));
  return match ? { why: match.why, retargets: match.retargets === true } : null;
}
