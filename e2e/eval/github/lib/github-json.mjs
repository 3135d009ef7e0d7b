// GitHub's JSON for what the eval front keeps: Prism's example for the route (GitHub's own, so
// every field a client reads is there) with the fields that carry state written over it.

export const site = 'https://github.com';
export const api = 'https://api.github.com';

/** `template` with `fields` written over it, nested objects merged (arrays and values replaced). */
export function over(template, fields) {
  if (!template || typeof template !== 'object' || Array.isArray(template)) return fields;
  const merged = { ...template };
  for (const [key, value] of Object.entries(fields)) {
    merged[key] = value && typeof value === 'object' && !Array.isArray(value) ? over(template[key], value) : value;
  }
  return merged;
}

export const first = (example) => (Array.isArray(example) ? example[0] : example) ?? {};
export const fullName = (repo) => `${repo.owner}/${repo.name}`;

export function repoJson(repo, example) {
  return over(first(example), {
    name: repo.name,
    full_name: fullName(repo),
    owner: { login: repo.owner },
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    description: repo.description,
    default_branch: repo.defaultBranch,
    html_url: `${site}/${fullName(repo)}`,
    url: `${api}/repos/${fullName(repo)}`,
    archived: false,
    disabled: false,
    fork: false,
    open_issues_count: repo.pulls.filter((pull) => pull.state === 'open').length,
    pushed_at: repo.pushedAt,
  });
}


export const ok = (body, status = 200) => ({ status, body });
export const noContent = () => ({ status: 204, body: null });
