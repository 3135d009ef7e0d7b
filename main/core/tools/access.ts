/**
 * A way to reach one family's infrastructure (the Docker engine, a cluster, an API), declared by
 * the family and opened by the tool context on first use, once per context. The SDK behind it is
 * loaded only inside `open`, so commands that never touch that family never load it.
 */
export interface AccessKey<T> {
  /** Unique per family connection, e.g. `docker`. */
  readonly id: string;
  readonly open: (where: { readonly workspace: string; readonly env: NodeJS.ProcessEnv }) => T;
}

export function defineAccess<T>(id: string, open: AccessKey<T>['open']): AccessKey<T> {
  return { id, open };
}
