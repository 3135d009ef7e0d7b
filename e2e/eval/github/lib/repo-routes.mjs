// GitHub's REST routes for the repositories the eval front keeps, answered from their state: the
// repository itself, git data, branches, tags and files (pull requests, releases and secrets in
// collection-routes.mjs). A route not listed keeps Prism's example answer.
import { collectionRoute } from './collection-routes.mjs';
import { api, first, fullName, noContent, ok, over, repoJson, site } from './github-json.mjs';
import { commitToBranch, createRepo, filesAt, isAncestor, notFound, refuse, resolveCommit, writeBlob, writeCommit, writeTree } from './repo-store.mjs';

function refJson(repo, ref, sha, example) {
  return over(first(example), { ref: `refs/${ref}`, url: `${api}/repos/${fullName(repo)}/git/refs/${ref}`, object: { type: 'commit', sha, url: `${api}/repos/${fullName(repo)}/git/commits/${sha}` } });
}

function commitJson(repo, sha, example) {
  const commit = repo.commits.get(sha);
  return over(first(example), { sha, message: commit.message, tree: { sha: commit.tree, url: `${api}/repos/${fullName(repo)}/git/trees/${commit.tree}` }, parents: commit.parents.map((parent) => ({ sha: parent, url: `${api}/repos/${fullName(repo)}/git/commits/${parent}`, html_url: `${site}/${fullName(repo)}/commit/${parent}` })), author: { date: commit.date }, committer: { date: commit.date }, html_url: `${site}/${fullName(repo)}/commit/${sha}` });
}

function branchJson(repo, branch, example) {
  const sha = repo.refs.get(`heads/${branch}`);
  const commit = repo.commits.get(sha);
  return over(first(example), { name: branch, protected: false, commit: { sha, commit: { message: commit.message, tree: { sha: commit.tree } } } });
}

function contentJson(repo, path, file, example) {
  const bytes = repo.blobs.get(file.sha);
  return over(first(example), { type: 'file', encoding: 'base64', name: path.split('/').at(-1), path, sha: file.sha, size: bytes.length, content: bytes.toString('base64'), url: `${api}/repos/${fullName(repo)}/contents/${path}`, html_url: `${site}/${fullName(repo)}/blob/${repo.defaultBranch}/${path}` });
}


/** POST /user/repos or /orgs/{org}/repos: the repository, kept from now on. */
export function createRepoRoute(repos, owner, body, example) {
  const name = String(body.name ?? '');
  const key = `${owner}/${name}`.toLowerCase();
  if (repos.has(key)) throw refuse('Repository creation failed.', [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }]);
  const repo = createRepo({ owner, name, description: body.description ?? null, isPrivate: body.private ?? false, autoInit: Boolean(body.auto_init) });
  repos.set(key, repo);
  return ok(repoJson(repo, example), 201);
}

/** A route of /repos/{owner}/{repo}/…: its answer, or null for Prism's. */
export function repoRoute({ repos, key, repo, method, rest, query, body, example, sealed }) {
  const route = `${method} /${rest.join('/')}`;
  const tail = (from) => rest.slice(from).join('/');
  const [section, second] = rest;

  if (route === 'GET /') return ok(repoJson(repo, example));
  if (route === 'DELETE /') {
    repos.delete(key);
    return noContent();
  }

  // Git data: refs, blobs, trees, commits.
  if (section === 'git' && (second === 'ref' || second === 'refs') && rest.length > 2) {
    const ref = tail(2).replace(/^refs\//, '');
    const sha = repo.refs.get(ref);
    if (method === 'GET') {
      if (!sha) throw notFound();
      return ok(refJson(repo, ref, sha, example));
    }
    if (method === 'PATCH') {
      if (!sha) throw refuse('Reference does not exist');
      if (!repo.commits.has(body.sha)) throw refuse('Object does not exist');
      if (!body.force && !isAncestor(repo, sha, body.sha)) throw refuse('Update is not a fast forward');
      repo.refs.set(ref, body.sha);
      return ok(refJson(repo, ref, body.sha, example));
    }
    if (method === 'DELETE') {
      if (!sha) throw refuse('Reference does not exist');
      repo.refs.delete(ref);
      return noContent();
    }
  }
  if (route === 'POST /git/refs') {
    const ref = String(body.ref ?? '').replace(/^refs\//, '');
    if (!/^(heads|tags)\/./.test(ref)) throw refuse('Reference name must start with refs/heads/ or refs/tags/ here');
    if (repo.refs.has(ref)) throw refuse('Reference already exists');
    if (!repo.commits.has(body.sha)) throw refuse('Object does not exist');
    repo.refs.set(ref, body.sha);
    return ok(refJson(repo, ref, body.sha, example), 201);
  }
  if (route === 'POST /git/blobs') {
    const bytes = Buffer.from(String(body.content ?? ''), body.encoding === 'base64' ? 'base64' : 'utf8');
    const sha = writeBlob(repo, bytes);
    return ok({ sha, url: `${api}/repos/${fullName(repo)}/git/blobs/${sha}` }, 201);
  }
  if (section === 'git' && second === 'blobs' && method === 'GET') {
    const bytes = repo.blobs.get(rest[2]);
    if (!bytes) throw notFound();
    return ok(over(first(example), { sha: rest[2], size: bytes.length, encoding: 'base64', content: bytes.toString('base64') }));
  }
  if (route === 'POST /git/trees') {
    const sha = writeTree(repo, body.base_tree ?? null, body.tree ?? []);
    return ok(treeJson(repo, sha, example), 201);
  }
  if (section === 'git' && second === 'trees' && method === 'GET') {
    if (!repo.trees.has(rest[2])) throw notFound();
    return ok(treeJson(repo, rest[2], example));
  }
  if (route === 'POST /git/commits') {
    const sha = writeCommit(repo, { message: body.message, tree: body.tree, parents: body.parents ?? [] });
    return ok(commitJson(repo, sha, example), 201);
  }
  if (section === 'git' && second === 'commits' && method === 'GET') {
    if (!repo.commits.has(rest[2])) throw notFound();
    return ok(commitJson(repo, rest[2], example));
  }

  // Branches, tags and files.
  if (route === 'GET /branches') return ok([...repo.refs.keys()].filter((ref) => ref.startsWith('heads/')).map((ref) => branchJson(repo, ref.slice(6), example)));
  if (section === 'branches' && method === 'GET' && rest.length >= 2) {
    const branch = tail(1);
    if (!repo.refs.has(`heads/${branch}`)) throw notFound();
    return ok(branchJson(repo, branch, example));
  }
  if (route === 'GET /tags') {
    const tags = [...repo.refs.entries()].filter(([ref]) => ref.startsWith('tags/')).reverse();
    return ok(tags.map(([ref, sha]) => over(first(example), { name: ref.slice(5), commit: { sha, url: `${api}/repos/${fullName(repo)}/commits/${sha}` } })));
  }
  if (section === 'contents' && method === 'GET') {
    const path = tail(1);
    const commit = resolveCommit(repo, query.get('ref'));
    if (!commit) throw notFound();
    const files = filesAt(repo, commit);
    if (files.has(path)) return ok(contentJson(repo, path, files.get(path), example));
    const inside = [...files.entries()].filter(([known]) => !path || known.startsWith(`${path}/`));
    if (!inside.length) throw notFound();
    const names = new Map(inside.map(([known, file]) => {
      const name = known.slice(path ? path.length + 1 : 0).split('/')[0];
      return [name, { name, path: path ? `${path}/${name}` : name, type: known.slice(path ? path.length + 1 : 0).includes('/') ? 'dir' : 'file', sha: file.sha }];
    }));
    return ok([...names.values()]);
  }
  if (section === 'contents' && method === 'PUT') {
    const path = tail(1);
    const branch = body.branch ?? repo.defaultBranch;
    const head = repo.refs.get(`heads/${branch}`);
    if (!head) throw notFound();
    const existing = filesAt(repo, head).get(path);
    if (existing && body.sha !== existing.sha) throw refuse(body.sha ? `${path} does not match ${body.sha}` : `Invalid request.\n\n"sha" wasn't supplied.`);
    const sha = commitToBranch(repo, branch, body.message, [{ path, content: Buffer.from(String(body.content ?? ''), 'base64').toString('utf8') }]);
    const file = filesAt(repo, sha).get(path);
    return ok({ content: contentJson(repo, path, file, example?.content), commit: commitJson(repo, sha, example?.commit) }, existing ? 200 : 201);
  }

  return collectionRoute({ repo, method, rest, query, body, example, sealed });
}


function treeJson(repo, sha, example) {
  const files = repo.trees.get(sha);
  return over(first(example), { sha, truncated: false, url: `${api}/repos/${fullName(repo)}/git/trees/${sha}`, tree: [...files.entries()].map(([path, file]) => ({ path, mode: file.mode, type: 'blob', sha: file.sha, size: repo.blobs.get(file.sha).length })) });
}

