import { createApp } from './app.js';

const port = Number(process.env.PORT ?? {{port}});
const server = createApp();

server.listen(port, () => console.log(`{{packageName}} listening on port ${port}`));

// On SIGTERM (docker stop, a Kubernetes rollout) stop taking connections and let the requests in
// flight finish, so none is dropped; give up after 10 s.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
