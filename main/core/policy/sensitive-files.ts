/**
 * Files whose content is a secret, and files whose content decides what runs. Both the typed file
 * tools and the shell classifier ask here, so `files.write .git/config` and `echo … > .git/config`
 * get the same answer. Paths may be relative (to the workspace), absolute, or start with ~.
 */
const credentialStores: readonly [RegExp, string][] = [
  [/(^|\/)\.ssh\/(?!.*\.pub$)(id_|identity|.*_key$|config$|authorized_keys|known_hosts)/, 'SSH keys and configuration'],
  [/(^|\/)id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/, 'an SSH private key'],
  [/(^|\/)\.aws\/(credentials|config|sso\/cache)|(^|\/)\.azure\/|(^|\/)\.config\/gcloud\/|(^|\/)\.oci\/|(^|\/)\.config\/doctl\//, 'cloud CLI credentials'],
  [/(^|\/)\.kube\/config|(^|\/)kubeconfig(\.ya?ml)?$/, 'Kubernetes credentials'],
  [/(^|\/)\.config\/gh\/hosts\.ya?ml|(^|\/)\.git-credentials$|(^|\/)\.config\/git\/credentials/, 'GitHub and git credentials'],
  [/(^|\/)\.docker\/config\.json$|(^|\/)\.npmrc$|(^|\/)\.pypirc$|(^|\/)\.gem\/credentials|(^|\/)\.cargo\/credentials|(^|\/)\.terraform\.d\/credentials/, 'registry credentials'],
  [/(^|\/)\.netrc$|(^|\/)_netrc$|(^|\/)\.pgpass$|(^|\/)\.my\.cnf$/, 'saved passwords'],
  [/(^|\/)\.gnupg\/|(^|\/)\.password-store\/|(^|\/)\.local\/share\/keyrings\/|(^|\/)Library\/Keychains\//, 'keys and keyrings'],
  [/(^|\/)\.mozilla\/firefox\/|(^|\/)\.config\/(google-chrome|chromium|BraveSoftware|microsoft-edge)\/|(^|\/)Library\/Application Support\/(Google\/Chrome|Firefox)\//, 'a browser profile (cookies and saved passwords)'],
  [/(^|\/)\.env(\.[\w.-]+)?$(?<!\.example)(?<!\.sample)(?<!\.template)/, 'an environment file with secrets'],
  [/^\/etc\/(shadow|gshadow|sudoers)(-|$)|^\/etc\/ssh\/ssh_host_.*_key$|\/proc\/[^/]+\/environ$|(^|\/)\.vault-token$|(^|\/)credentials\.json$|(^|\/)\.htpasswd$/, 'system or service credentials'],
];

const executionConfig: readonly [RegExp, string][] = [
  [/(^|\/)\.git\/(config|hooks\/|info\/attributes)|(^|\/)\.gitconfig$|(^|\/)\.config\/git\/config$|(^|\/)\.gitattributes$|(^|\/)\.gitmodules$/, 'git runs programs it names (hooks, fsmonitor, pager, filters) on later git commands'],
  [/(^|\/)\.(bashrc|bash_profile|bash_login|bash_logout|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc|inputrc)$|(^|\/)\.config\/fish\//, 'the shell runs it when it starts'],
  [/(^|\/)\.(npmrc|yarnrc(\.yml)?|pnpmrc|envrc|pythonrc)$|(^|\/)pip\.conf$/, 'package managers or direnv run what it configures'],
  [/(^|\/)(GNU)?[Mm]akefile$|(^|\/)[\w-]+\.mk$|(^|\/)justfile$|(^|\/)Taskfile\.ya?ml$/, 'make runs its recipes'],
  [/(^|\/)\.github\/workflows\/|(^|\/)\.gitlab-ci\.yml$|(^|\/)\.circleci\/|(^|\/)Jenkinsfile$|(^|\/)\.husky\/|(^|\/)\.pre-commit-config\.yaml$/, 'CI or git hooks run it'],
  [/(^|\/)\.ssh\/(authorized_keys|rc|config|environment)$/, 'it decides who can log in and what SSH runs'],
  [/^\/etc\/(cron|anacrontab)|^\/var\/spool\/cron|(^|\/)crontab$/, 'cron runs it on a schedule'],
  [/^\/etc\/systemd\/|^\/lib\/systemd\/|^\/usr\/lib\/systemd\/|(^|\/)\.config\/systemd\/|\.(service|timer|socket)$/, 'systemd runs it'],
  [/^\/etc\/(sudoers|sudoers\.d\/|profile|profile\.d\/|bash\.bashrc|environment|ld\.so\.preload|ld\.so\.conf|rc\.local|init\.d\/|pam\.d\/|security\/)/, 'it configures logins, privileges or every program'],
  [/(^|\/)Library\/Launch(Agents|Daemons)\/|(^|\/)\.config\/autostart\//, 'it starts programs at login'],
];

/** Why the file holds secrets, or null. */
export function credentialStore(path: string): string | null {
  // Every pattern needs a dot, a slash or one of these words: most words of a command have none.
  if (!/[./]|id_|kubeconfig|credentials/.test(path)) return null;
  const normalised = normalise(path);
  return credentialStores.find(([pattern]) => pattern.test(normalised))?.[1] ?? null;
}

/** Why the file decides what runs later, or null. */
export function executionConfigFile(path: string): string | null {
  if (!/[./]|akefile|crontab|Jenkinsfile|justfile|Taskfile/.test(path)) return null;
  const normalised = normalise(path);
  return executionConfig.find(([pattern]) => pattern.test(normalised))?.[1] ?? null;
}

/** Why overwriting the file matters beyond the file: it decides what runs later, or holds secrets. Null for an ordinary file. */
export const protectedFile = (path: string): string | null => executionConfigFile(path) ?? credentialStore(path);

const normalise = (path: string): string => path.replace(/\/{2,}/g, '/').replace(/(^|\/)\.\//g, '$1').replace(/\/$/, '');

/**
 * A credential file's content with every value masked, before it reaches the model or a log:
 * `key = value` keeps the key, private key blocks and long tokens disappear.
 */
export function maskCredentialContent(text: string): string {
  return text
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[REDACTED private key]')
    .split('\n')
    .map((line) => {
      const pair = /^(\s*[^\s=:#;[][^=:]*?\s*[=:]\s*)(\S.*)$/.exec(line);
      if (pair) return `${pair[1]}[REDACTED]`;
      return line.replace(/[A-Za-z0-9+/=_-]{20,}/g, '[REDACTED]');
    })
    .join('\n');
}
