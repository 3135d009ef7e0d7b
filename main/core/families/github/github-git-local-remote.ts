import { resolveApiUrl } from './github-api-url';
import { repoProblem } from './github-target';

// Remote addresses as git takes them: a URL (https, http, ssh, git, file) or scp-like `user@host:path`.
// Transport helpers (`ext::`, `fd::`, `foo::addr`) run commands and are never passed on.

const scpLike = /^([A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(?!\/\/)(.+)$/;
const schemes = new Set(['https:', 'http:', 'ssh:', 'git:', 'file:']);

/** What is wrong with a remote address given to clone, or null. */
export function remoteUrlProblem(url: string): string | null {
  if (!url) return 'the address is empty';
  if (url.startsWith('-')) return `"${url}" starts with "-", which git would read as an option`;
  if (/[\x00-\x1f\x7f]/.test(url)) return 'the address has a control character or line break in it';
  if (/^[A-Za-z0-9+.-]+::/.test(url)) return `"${url.split('::')[0]}::" addresses run a transport helper program: give an https, ssh or file:// URL`;
  if (scpLike.test(url) && !/^[A-Za-z]+:\/\//.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL git can clone from: give https://HOST/OWNER/REPO.git, git@HOST:OWNER/REPO.git, file:///path, or OWNER/REPO for the configured GitHub`;
  }
  if (!schemes.has(parsed.protocol)) return `${parsed.protocol}// is not a protocol Reign clones over: use https, ssh or file`;
  // The token reaches git through Reign's credential helper, never in an address (it would be stored in .git/config).
  if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && (parsed.username || parsed.password)) return 'the address carries a user name or password: remove them (Reign gives git the GitHub token through its credential helper)';
  return null;
}

/** The address with any user name and password of an http(s) URL taken out, for previews, outputs and errors. */
export function displayUrl(url: string): string {
  return url.replace(/^(https?:\/\/)[^/@\s]*@/i, '$1');
}

/** Every http(s) address in text (git's own messages: "To https://user:pass@host/...") without its credentials. */
export function withoutUrlCredentials(text: string): string {
  return text.replace(/\b(https?:\/\/)[^/@\s]*@/gi, '$1');
}

/** The address for OWNER/REPO on the configured GitHub: https://github.com/OWNER/REPO.git, or the Enterprise Server's. */
export function githubCloneUrl(env: NodeJS.ProcessEnv, repo: string): string {
  const api = resolveApiUrl(env);
  const origin = api.host === 'github.com' ? 'https://github.com' : `${new URL(api.url).protocol}//${api.host}`;
  return `${origin}/${repo}.git`;
}

/** OWNER/REPO when the address is a repository of the configured GitHub (https, ssh or scp-like), else null. */
export function githubRepoOf(url: string, env: NodeJS.ProcessEnv): string | null {
  const host = resolveApiUrl(env).host.toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  let path: string | null = null;
  const scp = /^[A-Za-z]+:\/\//.test(url) ? null : scpLike.exec(url);
  if (scp) {
    if (scp[2]!.toLowerCase() === hostname) path = scp[3]!;
  } else {
    try {
      const parsed = new URL(url);
      const sameHost = parsed.protocol === 'ssh:' ? parsed.hostname.toLowerCase() === hostname : (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host.toLowerCase() === host;
      if (sameHost) path = decodeURIComponent(parsed.pathname);
    } catch {
      return null;
    }
  }
  if (path === null) return null;
  const repo = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  return repoProblem(repo) ? null : repo;
}
