/**
 * A way to reach one family's infrastructure (the Docker engine, a cluster, an API), declared by
 * the family and opened by the tool context on first use, once per context. The SDK behind it is
 * loaded only inside `open`, so commands that never touch that family never load it.
 */
export interface AccessKey<T> {
  /** Unique per family connection, e.g. `docker`. */
  readonly id: string;
  readonly open: (where: AccessWhere) => T;
}

/** What opening a connection may read. */
export interface AccessWhere {
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * A credential the family declared (`Family.secrets`), from the OS keychain, or null when none is
   * stored (or no keychain can be read here). Only the connection sees it: never a tool's input,
   * output, preview or log; the redactor masks its value everywhere else.
   */
  readonly secret: (name: string) => string | null;
}

/** No keychain: callers that have none (a test, a headless read) reach only what the environment gives. */
export const noSecrets = (): null => null;

export function defineAccess<T>(id: string, open: AccessKey<T>['open']): AccessKey<T> {
  return { id, open };
}
