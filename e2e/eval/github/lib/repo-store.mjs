// What the eval front keeps of each repository it created: git objects (blobs with git's own
// hashes, trees kept flat as path → blob, commits), refs, pull requests, releases and secrets.
// Enough of git for the GitHub tools the eval tasks use to read back what they wrote; nothing is
// kept on disk (the front's life is one eval run).
import { createHash } from 'node:crypto';

const sha1 = (text) => createHash('sha1').update(text).digest('hex');

/** A 422 as GitHub words them: the route handler turns it into the answer. */
export class GitHubRefusal extends Error {
  constructor(status, message, errors) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

export const refuse = (message, errors) => new GitHubRefusal(422, message, errors);
export const notFound = () => new GitHubRefusal(404, 'Not Found');

let clock = 0;
/** Distinct, increasing times: two commits of the same tree in one second still get two shas. */
export const now = () => new Date(Date.UTC(2026, 0, 1) + ++clock * 1000).toISOString().replace('.000', '');

export function createRepo({ owner, name, description = null, isPrivate = true, autoInit = false }) {
  const repo = {
    owner,
    name,
    description,
    private: isPrivate,
    defaultBranch: 'main',
    blobs: new Map(),
    trees: new Map([[treeSha(new Map()), new Map()]]),
    commits: new Map(),
    refs: new Map(),
    pulls: [],
    releases: [],
    secrets: new Map(),
    numbers: 0,
    releaseIds: 0,
    pushedAt: now(),
  };
  if (autoInit) {
    const tree = writeTree(repo, null, [{ path: 'README.md', content: `# ${name}\n` }]);
    repo.refs.set('heads/main', writeCommit(repo, { message: 'Initial commit', tree, parents: [] }));
  }
  return repo;
}

function treeSha(files) {
  const entries = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, file]) => `${file.mode} ${path} ${file.sha}`);
  return sha1(`tree\0${entries.join('\n')}`);
}

export function writeBlob(repo, bytes) {
  const sha = sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
  repo.blobs.set(sha, bytes);
  return sha;
}

/** A tree: the base tree's files with each entry written over it (sha null deletes the path, or a whole folder). */
export function writeTree(repo, baseTree, entries) {
  if (baseTree && !repo.trees.has(baseTree)) throw refuse(`base_tree ${baseTree} is not a tree of ${repo.owner}/${repo.name}`, [{ resource: 'Tree', field: 'base_tree', code: 'invalid' }]);
  const files = new Map(baseTree ? repo.trees.get(baseTree) : []);
  for (const entry of entries) {
    const path = String(entry.path ?? '').replace(/^\/+/, '');
    if (!path) throw refuse('a tree entry has no path', [{ resource: 'Tree', field: 'path', code: 'missing' }]);
    if (entry.sha === null) {
      for (const known of [...files.keys()]) if (known === path || known.startsWith(`${path}/`)) files.delete(known);
      continue;
    }
    if (entry.type && entry.type !== 'blob') throw refuse(`the eval front keeps files only: ${path} is a ${entry.type}`, [{ resource: 'Tree', field: 'type', code: 'invalid' }]);
    const sha = entry.content !== undefined ? writeBlob(repo, Buffer.from(String(entry.content), 'utf8')) : entry.sha;
    if (!repo.blobs.has(sha)) throw refuse(`tree.sha ${sha} is not a valid blob`, [{ resource: 'Tree', field: 'sha', code: 'invalid' }]);
    files.set(path, { sha, mode: entry.mode ?? '100644' });
  }
  const sha = treeSha(files);
  repo.trees.set(sha, files);
  return sha;
}

export function writeCommit(repo, { message, tree, parents }) {
  if (!repo.trees.has(tree)) throw refuse(`tree ${tree} is not a tree of ${repo.owner}/${repo.name}`, [{ resource: 'Commit', field: 'tree', code: 'invalid' }]);
  for (const parent of parents) if (!repo.commits.has(parent)) throw refuse(`parent ${parent} is not a commit of ${repo.owner}/${repo.name}`, [{ resource: 'Commit', field: 'parents', code: 'invalid' }]);
  const date = now();
  const sha = sha1(`commit\0${tree}\0${parents.join(',')}\0${date}\0${message}`);
  repo.commits.set(sha, { sha, message: String(message ?? ''), tree, parents: [...parents], date });
  repo.pushedAt = date;
  return sha;
}

/** Whether `ancestor` is `sha` or reachable from it through parents. */
export function isAncestor(repo, ancestor, sha) {
  const seen = new Set();
  const queue = [sha];
  while (queue.length) {
    const next = queue.shift();
    if (next === ancestor) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return false;
}

/** A branch, a tag or a commit sha, as the contents API and a release's target take them: the commit, or null. */
export function resolveCommit(repo, ref) {
  const name = ref || repo.defaultBranch;
  const direct = repo.refs.get(`heads/${name}`) ?? repo.refs.get(`tags/${name}`) ?? repo.refs.get(name.replace(/^refs\//, ''));
  if (direct) return direct;
  if (repo.commits.has(name)) return name;
  const prefixed = [...repo.commits.keys()].filter((sha) => name.length >= 7 && sha.startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : null;
}

export const filesAt = (repo, commit) => repo.trees.get(repo.commits.get(commit).tree);

/** A commit on top of a branch's head that writes (or deletes) files, and the branch moved to it. */
export function commitToBranch(repo, branch, message, entries) {
  const head = repo.refs.get(`heads/${branch}`);
  if (!head) throw notFound();
  const tree = writeTree(repo, repo.commits.get(head).tree, entries);
  const sha = writeCommit(repo, { message, tree, parents: [head] });
  repo.refs.set(`heads/${branch}`, sha);
  return sha;
}
