/** The hosts a `reign serve` page can be reached at. Anything else is another site (or DNS rebinding). */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && loopbackHosts(port).includes(hostHeader.toLowerCase());
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && loopbackHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}
