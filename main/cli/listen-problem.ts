/**
 * What to tell the user when the server cannot listen on the port they chose; null for any other
 * failure, which is a bug and reported as one.
 */
export function listenProblem(error: NodeJS.ErrnoException, port: number): string | null {
  if (error.code === 'EADDRINUSE') {
    return `reign: port ${port} is already in use on this machine (another program, or another \`reign serve\`, is listening on it).\n` +
      'Stop that program, pass another port with `--port N`, or `--port 0` to let Reign pick a free one.\n';
  }
  if (error.code === 'EACCES') {
    return `reign: this user may not listen on port ${port} (ports below 1024 need extra rights on most systems).\n` +
      'Pass a port from 1024 to 65535 with `--port N`, or `--port 0` to let Reign pick a free one.\n';
  }
  return null;
}
