// A front before the GitHub mock (.ci/peers/github-mock.sh: Prism serving GitHub's OpenAPI
// description, whose answers are the description's fixed examples) that remembers what the eval
// tasks create, so a verifier can read back the end state as from GitHub: the repositories created
// through it, with their git data, branches, files, pull requests, releases, tags and secrets.
//
//   node state-front.mjs [--port N] [--upstream URL]     (upstream default: $REIGN_TEST_GITHUB_API_URL)
//
// Every request still goes to Prism first, which checks it against GitHub's contract: what Prism
// refuses (400, 404, 422… naming each violation in `sl-violations`) is answered as Prism answered.
// A valid request about a repository created here is answered from its state, Prism's example
// giving the shape; anything else is Prism's answer unchanged. Secrets are sealed for the front's
// own key (GET …/actions/secrets/public-key), so the front can check the box opens; it keeps only
// the value's SHA-256, which GET /_reign-eval/repos/OWNER/REPO/actions/secrets/NAME shows to
// verifiers (no GitHub route gives it). Every answer carries `x-reign-eval-front: stateful`.
// Test infrastructure only: the product never runs any of it.
import { createServer, request } from 'node:http';
import sodium from 'libsodium-wrappers';
import { GitHubRefusal } from './repo-store.mjs';
import { createRepoRoute, repoRoute } from './repo-routes.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const upstream = new URL(option('upstream', process.env.REIGN_TEST_GITHUB_API_URL ?? ''));
const port = Number(option('port', '0'));

await sodium.ready;
const keys = sodium.crypto_box_keypair();
const sealed = {
  keyId: `reign-eval-${Date.now()}`,
  publicKey: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL),
  open(encrypted) {
    try {
      return Buffer.from(sodium.crypto_box_seal_open(sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL), keys.publicKey, keys.privateKey));
    } catch {
      return null;
    }
  },
};

/** OWNER/REPO (lower case) → its state. */
const repos = new Map();

const readAll = (stream) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

function askPrism(incoming, body) {
  const headers = { ...incoming.headers, host: upstream.host };
  // GitHub answers JSON to a request that accepts anything; Prism would pick one of the route's other media types.
  if (!headers.accept || headers.accept.trim() === '*/*') headers.accept = 'application/vnd.github+json';
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, async (answer) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: await readAll(answer) }));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const parse = (bytes) => {
  try {
    return bytes.length ? JSON.parse(bytes.toString('utf8')) : {};
  } catch {
    return {};
  }
};

function send(reply, status, body, headers = {}) {
  const text = body === null ? '' : JSON.stringify(body);
  reply.writeHead(status, { 'x-reign-eval-front': 'stateful', ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }), ...headers });
  reply.end(text);
}

/** The state route a request is for, if any: a repository created here, or the creation of one. */
function stateRoute(method, segments, answer) {
  if (method === 'POST' && segments.join('/') === 'user/repos') return { create: answer?.owner?.login ?? 'octocat' };
  if (method === 'POST' && segments[0] === 'orgs' && segments[2] === 'repos' && segments.length === 3) return { create: segments[1] };
  if (segments[0] !== 'repos' || segments.length < 3) return null;
  const key = `${segments[1]}/${segments[2]}`.toLowerCase();
  return repos.has(key) ? { key, repo: repos.get(key), rest: segments.slice(3) } : null;
}

/** What verifiers may read that GitHub never shows: a secret's value hash. */
function evalRoute(segments) {
  const [, , owner, name, actions, secrets, secret] = segments;
  const repo = repos.get(`${owner}/${name}`.toLowerCase());
  if (segments.length !== 7 || actions !== 'actions' || secrets !== 'secrets' || !repo) return { status: 404, body: { message: 'Not Found: GET /_reign-eval/repos/OWNER/REPO/actions/secrets/NAME' } };
  const kept = repo.secrets.get(secret.toUpperCase());
  return kept ? { status: 200, body: { name: kept.name, value_sha256: kept.valueSha256 } } : { status: 404, body: { message: 'Not Found' } };
}

createServer(async (incoming, reply) => {
  try {
    const body = await readAll(incoming);
    const url = new URL(incoming.url, 'http://front');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] === '_reign-eval') {
      const { status, body: answer } = evalRoute(segments);
      return send(reply, status, answer);
    }
    const prism = await askPrism(incoming, body);
    const example = parse(prism.body);
    const route = prism.status < 400 ? stateRoute(incoming.method, segments, example) : null;
    if (route && !incoming.headers.authorization) return send(reply, 401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    let answer = null;
    try {
      if (route?.create) answer = createRepoRoute(repos, route.create, parse(body), example);
      else if (route) answer = repoRoute({ repos, ...route, method: incoming.method, query: url.searchParams, body: parse(body), example, sealed });
    } catch (error) {
      if (!(error instanceof GitHubRefusal)) throw error;
      answer = { status: error.status, body: { message: error.message, ...(error.errors ? { errors: error.errors } : {}), documentation_url: 'https://docs.github.com/rest' } };
    }
    if (answer) {
      console.log(`${incoming.method} ${url.pathname} → ${answer.status} (state)`);
      return send(reply, answer.status, answer.body);
    }
    const headers = { ...prism.headers };
    delete headers['transfer-encoding'];
    reply.writeHead(prism.status, { ...headers, 'x-reign-eval-front': 'stateful', 'content-length': prism.body.length });
    reply.end(prism.body);
  } catch (error) {
    console.error(`${incoming.method} ${incoming.url}: ${error.stack ?? error}`);
    send(reply, 502, { message: `the eval front failed: ${error.message}` });
  }
}).listen(port, '127.0.0.1', function listening() {
  // The first line of output is the address, for whoever started the front.
  console.log(`http://127.0.0.1:${this.address().port}`);
});
