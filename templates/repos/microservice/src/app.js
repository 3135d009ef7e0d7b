import { createServer } from 'node:http';

/** The service's routes. Each answers JSON; anything else is a 404. */
export function handle(request, response) {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'GET' && pathname === '/healthz') return send(response, 200, { status: 'ok' });
  if (request.method === 'GET' && pathname === '/') return send(response, 200, { service: '{{packageName}}' });
  return send(response, 404, { error: `no route for ${request.method} ${pathname}` });
}

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export const createApp = () => createServer(handle);
