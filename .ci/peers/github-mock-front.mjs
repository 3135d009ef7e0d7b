// The GitHub mock's front door (started by .ci/peers/github-mock.sh): forwards every request to
// Prism, mending the two places where Prism, read literally, answers differently from GitHub.
//
//   node github-mock-front.mjs LISTEN_PORT PRISM_PORT
//
// 1. Media types. GitHub answers its own JSON media types (`application/vnd.github+json`, which
//    its docs recommend, and `application/vnd.github.v3+json`, which Octokit sends by default)
//    with plain JSON; the description only lists `application/json`, so Prism refuses them with a
//    406. Those Accept values are passed on as `application/json`.
// 2. Pagination. GitHub sends a Link header only when there is another page, pointing at the same
//    endpoint. The description's one Link example points at `https://api.github.com/resource`, a
//    path no endpoint has, and Prism sends it on every list: a client that follows it leaves the
//    machine. A static mock has exactly one page, so that placeholder is dropped.
//
// Everything else (request validation, status codes, bodies, Prism's `sl-violations` header naming
// each violation) is Prism's, unchanged.
import { createServer, request } from 'node:http';

const [listenPort, prismPort] = process.argv.slice(2).map(Number);
if (!listenPort || !prismPort) {
  console.error('usage: node github-mock-front.mjs LISTEN_PORT PRISM_PORT');
  process.exit(2);
}

const githubJson = /^application\/vnd\.github(\.[a-z0-9-]+)*\+json$/i;
const placeholderLink = /^<https:\/\/api\.github\.com\/resource\?/;

function acceptForPrism(accept) {
  if (!accept) return accept;
  return accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().split(';');
      return githubJson.test(type.trim()) ? ['application/json', ...params].join(';') : part.trim();
    })
    .join(', ');
}

createServer((incoming, reply) => {
  const headers = { ...incoming.headers, host: `127.0.0.1:${prismPort}` };
  if (headers.accept) headers.accept = acceptForPrism(headers.accept);
  const outgoing = request({ host: '127.0.0.1', port: prismPort, method: incoming.method, path: incoming.url, headers }, (answer) => {
    const answerHeaders = { ...answer.headers };
    if (typeof answerHeaders.link === 'string' && placeholderLink.test(answerHeaders.link)) delete answerHeaders.link;
    reply.writeHead(answer.statusCode ?? 502, answerHeaders);
    answer.pipe(reply);
  });
  outgoing.on('error', (error) => {
    // Prism still starting, or gone: say so as GitHub-shaped JSON rather than hanging up.
    reply.writeHead(502, { 'content-type': 'application/json' });
    reply.end(JSON.stringify({ message: `the GitHub mock's Prism is not answering: ${error.message}` }));
  });
  incoming.pipe(outgoing);
}).listen(listenPort, '127.0.0.1', () => console.log(`github mock front on http://127.0.0.1:${listenPort} -> Prism on ${prismPort}`));
