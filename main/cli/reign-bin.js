#!/usr/bin/env node
// The `reign` command: checks the Node version, then runs the built CLI bundle.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `reign: Node ${process.versions.node} is too old; Reign needs Node 24 (the version Electron's main process runs).\n` +
      'Run it through the project (`npx reign …` or `npm run reign -- …`), which brings its own Node 24, or install Node 24.\n',
  );
  process.exit(1);
}
let runCli;
try {
  ({ runCli } = await import(new URL('../../out/main/cli.js', import.meta.url).href));
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('out/main/cli.js')) {
    process.stderr.write('reign: the CLI is not built yet. Run `npm run build` first.\n');
    process.exit(1);
  }
  throw error;
}
process.exitCode = await runCli(process.argv.slice(2));
// The command is over once runCli returns. Something it left open (a watch, a child's pipe, a timer)
// must not keep the process alive: after a grace period it exits anyway and says what was still open.
// Unref'd, so a process with nothing left exits at once, as before.
const LINGER_MS = 3_000;
setTimeout(() => {
  process.stderr.write(`reign: exiting ${LINGER_MS / 1000} s after the command finished, with handles still open (${process.getActiveResourcesInfo().join(', ')}).\n`);
  process.exit();
}, LINGER_MS).unref();
