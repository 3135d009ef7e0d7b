// Release assets are uploaded to another host than the API: on github.com `uploads.github.com`
// (the `upload_url` of a release, and what Octokit's `repos.uploadReleaseAsset` always sends to
// unless given a `url` or `baseUrl`), on GitHub Enterprise Server `https://HOST/api/uploads`,
// on GitHub Enterprise Cloud with data residency `uploads.SUBDOMAIN.ghe.com`. The root is derived
// from the API root Reign is configured with, never taken from an answer: the token goes with the
// upload, so it must go only to the GitHub the person chose. Any other API root (a proxy, the
// test mock) serves the upload path itself.

/** Where assets are uploaded for an API root (`https://api.github.com`, `https://HOST/api/v3`, …), without a trailing slash. */
export function uploadRoot(apiUrl: string): string {
  const api = new URL(apiUrl);
  const path = api.pathname.replace(/\/+$/, '');
  if (/^api\./.test(api.hostname) && path === '') return `${api.protocol}//${api.host.replace(/^api\./, 'uploads.')}`;
  if (/\/api\/v3$/.test(path)) return `${api.origin}${path.replace(/\/api\/v3$/, '/api/uploads')}`;
  return `${api.origin}${path}`;
}
