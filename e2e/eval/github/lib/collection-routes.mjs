// Pull requests, releases and Actions secrets of a repository the eval front keeps.
import { createHash } from 'node:crypto';
import { isAncestor, notFound, now, refuse, resolveCommit } from './repo-store.mjs';
import { api, first, fullName, noContent, ok, over, repoJson, site } from './github-json.mjs';

/** A pull request, release or secret route: its answer, or null when it is none of them. */
export function collectionRoute({ repo, method, rest, query, body, example, sealed }) {
  const route = `${method} /${rest.join('/')}`;
  const tail = (from) => rest.slice(from).join('/');
  const [section, second] = rest;

  // Pull requests.
  if (route === 'POST /pulls') return ok(pullJson(repo, createPull(repo, body), example), 201);
  if (route === 'GET /pulls') {
    const state = query.get('state') ?? 'open';
    const head = query.get('head')?.split(':').at(-1);
    const base = query.get('base');
    const pulls = repo.pulls.filter((pull) => (state === 'all' || pull.state === state) && (!head || pull.head === head) && (!base || pull.base === base));
    return ok([...pulls].reverse().map((pull) => pullJson(repo, pull, example)));
  }
  if (section === 'pulls' && rest.length === 2) {
    const pull = repo.pulls.find((known) => known.number === Number(second));
    if (!pull) throw notFound();
    if (method === 'PATCH') {
      for (const field of ['title', 'body', 'base', 'state']) if (body[field] !== undefined) pull[field] = body[field];
      pull.updatedAt = now();
    }
    if (method === 'GET' || method === 'PATCH') return ok(pullJson(repo, pull, example));
  }

  // Releases.
  if (route === 'POST /releases') return ok(releaseJson(repo, createRelease(repo, body), example), 201);
  if (route === 'GET /releases') return ok([...repo.releases].reverse().map((release) => releaseJson(repo, release, example)));
  if (section === 'releases' && second === 'tags' && method === 'GET') {
    const release = repo.releases.find((known) => known.tag === tail(2) && !known.draft);
    if (!release) throw notFound();
    return ok(releaseJson(repo, release, example));
  }
  if (section === 'releases' && /^\d+$/.test(second ?? '') && rest.length === 2) {
    const release = repo.releases.find((known) => known.id === Number(second));
    if (!release) throw notFound();
    if (method === 'DELETE') {
      repo.releases.splice(repo.releases.indexOf(release), 1);
      return noContent();
    }
    if (method === 'PATCH') {
      for (const [field, key] of [['tag_name', 'tag'], ['name', 'name'], ['body', 'body'], ['draft', 'draft'], ['prerelease', 'prerelease'], ['target_commitish', 'target']]) if (body[field] !== undefined) release[key] = body[field];
    }
    return ok(releaseJson(repo, release, example));
  }

  // Actions secrets: the value arrives sealed for the front's own key; only its hash is kept.
  if (route === 'GET /actions/secrets/public-key') return ok({ key_id: sealed.keyId, key: sealed.publicKey });
  if (route === 'GET /actions/secrets') {
    const secrets = [...repo.secrets.values()].map(({ name, created_at, updated_at }) => ({ name, created_at, updated_at }));
    return ok({ total_count: secrets.length, secrets });
  }
  if (section === 'actions' && second === 'secrets' && rest.length === 3) {
    const name = rest[2].toUpperCase();
    const secret = repo.secrets.get(name);
    if (method === 'GET') {
      if (!secret) throw notFound();
      return ok({ name: secret.name, created_at: secret.created_at, updated_at: secret.updated_at });
    }
    if (method === 'DELETE') {
      if (!secret) throw notFound();
      repo.secrets.delete(name);
      return noContent();
    }
    if (method === 'PUT') {
      if (body.key_id !== sealed.keyId) throw refuse(`key_id ${body.key_id} is not the key of ${fullName(repo)}: read it again from actions/secrets/public-key`);
      const value = sealed.open(String(body.encrypted_value ?? ''));
      if (value === null) throw refuse('encrypted_value could not be decrypted with the repository\'s key (not a sealed box for it)');
      const at = now();
      repo.secrets.set(name, { name, created_at: secret?.created_at ?? at, updated_at: at, valueSha256: createHash('sha256').update(value).digest('hex') });
      return secret ? noContent() : ok({}, 201);
    }
  }
  return null;
}

function pullJson(repo, pull, example) {
  const template = first(example);
  const side = (part, ref) => ({ ...(template[part] ?? {}), ref, sha: repo.refs.get(`heads/${ref}`) ?? pull[`${part}Sha`], label: `${repo.owner}:${ref}`, repo: repoJson(repo, template[part]?.repo) });
  return {
    ...template,
    number: pull.number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    head: side('head', pull.head),
    base: side('base', pull.base),
    html_url: `${site}/${fullName(repo)}/pull/${pull.number}`,
    url: `${api}/repos/${fullName(repo)}/pulls/${pull.number}`,
    merged: false,
    merged_at: null,
    closed_at: pull.state === 'closed' ? pull.updatedAt : null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    labels: [],
  };
}


function releaseJson(repo, release, example) {
  return over(first(example), {
    id: release.id,
    tag_name: release.tag,
    target_commitish: release.target,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    published_at: release.draft ? null : release.createdAt,
    html_url: `${site}/${fullName(repo)}/releases/tag/${release.tag}`,
    url: `${api}/repos/${fullName(repo)}/releases/${release.id}`,
    upload_url: `https://uploads.github.com/repos/${fullName(repo)}/releases/${release.id}/assets{?name,label}`,
    assets: [],
  });
}


function createPull(repo, body) {
  const head = String(body.head ?? '').split(':').at(-1);
  const base = String(body.base ?? '');
  const headSha = repo.refs.get(`heads/${head}`);
  const baseSha = repo.refs.get(`heads/${base}`);
  if (!headSha) throw refuse('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (!baseSha) throw refuse('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  if (isAncestor(repo, headSha, baseSha)) throw refuse('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
  if (repo.pulls.some((pull) => pull.state === 'open' && pull.head === head && pull.base === base)) throw refuse('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` }]);
  const at = now();
  const pull = { number: ++repo.numbers, head, base, headSha, baseSha, title: String(body.title ?? ''), body: body.body ?? null, draft: Boolean(body.draft), state: 'open', createdAt: at, updatedAt: at };
  repo.pulls.push(pull);
  return pull;
}

function createRelease(repo, body) {
  const tag = String(body.tag_name ?? '');
  if (repo.releases.some((release) => release.tag === tag)) throw refuse('Validation Failed', [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  const draft = Boolean(body.draft);
  const target = body.target_commitish ?? repo.defaultBranch;
  if (!repo.refs.has(`tags/${tag}`) && !draft) {
    const sha = resolveCommit(repo, target);
    if (!sha) throw refuse('Validation Failed', [{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
    repo.refs.set(`tags/${tag}`, sha);
  }
  const release = { id: ++repo.releaseIds, tag, target, name: body.name ?? null, body: body.body ?? null, draft, prerelease: Boolean(body.prerelease), createdAt: now() };
  repo.releases.push(release);
  return release;
}
