import type { Configuration, HttpMethod, KubeConfig } from '@kubernetes/client-node';
import type { KubeClients } from './kube-access';

// The typed clients serialize a body through the model of its kind, which drops what the model does
// not know: JSON patches (an array), strategic-merge directives (`$patch`, `$retainKeys`) and a typo'd
// field the server should refuse. These requests send JSON as written, with the same connection,
// server and credentials as the typed clients of the context.

/** The typed clients' configuration (the scoped KubeConfig is its auth method: client-node's own `makeApiClient` wires it so). */
const configurationOf = (clients: KubeClients): Configuration => (clients.objects as unknown as { configuration: Configuration }).configuration;

/**
 * The context's KubeConfig, for client-node helpers that take one (`Watch`). kube-access keeps it
 * private; until it exposes it, this reads it back from the clients it built.
 */
export function kubeConfigOf(clients: KubeClients): KubeConfig {
  return configurationOf(clients).authMethods.default as unknown as KubeConfig;
}

export interface RawRequest {
  readonly body?: unknown;
  /** Default `application/json`; patches name their kind (`application/json-patch+json`…). */
  readonly contentType?: string;
  readonly query?: Record<string, string | undefined>;
  readonly signal?: AbortSignal;
}

/** One API call with a JSON body as given; a refusal throws `{ code: HTTP status, body: the server's Status }`, as kubeCall expects. */
export async function kubeRequest<T = any>(clients: KubeClients, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, request: RawRequest = {}): Promise<T> {
  const configuration = configurationOf(clients);
  let context = configuration.baseServer.makeRequestContext(path, method as HttpMethod);
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) context.setQueryParam(name, value);
  context.setHeaderParam('Accept', 'application/json');
  if (request.body !== undefined) {
    context.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
    context.setBody(JSON.stringify(request.body));
  }
  if (request.signal) context.setSignal(request.signal);
  await configuration.authMethods.default?.applySecurityAuthentication(context);
  for (const middleware of configuration.middleware) context = await middleware.pre(context).toPromise();
  const response = await configuration.httpApi.send(context).toPromise();
  const text = await response.body.text();
  if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
    let message = `${method} ${path}: HTTP ${response.httpStatusCode}`;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // not a Status: keep the status line
    }
    throw Object.assign(new Error(message), { code: response.httpStatusCode, body: text });
  }
  return (text ? JSON.parse(text) : null) as T;
}

/** Where a kind's objects live on the API server, from its discovery document. */
export interface Resource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** `/apis/apps/v1/namespaces/NS/deployments` (or without the namespace, for cluster-scoped kinds). */
  collection(namespace: string | null): string;
  item(name: string, namespace: string | null): string;
}

export const groupRoot = (apiVersion: string): string => (apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);

/** Finds a kind in its group version's discovery; throws `UNKNOWN_KIND` naming what the cluster lacks. */
export async function resourceOf(clients: KubeClients, apiVersion: string, kind: string): Promise<Resource> {
  const root = groupRoot(apiVersion);
  const discovery = await kubeRequest<{ resources: { name: string; kind: string; namespaced: boolean }[] }>(clients, 'GET', root).catch((error: { code?: number }) => {
    if (error.code === 404) throw Object.assign(new Error(`the cluster does not serve ${apiVersion} (is the CRD installed? is the version right?)`), { code: 'UNKNOWN_KIND' });
    throw error;
  });
  const found = discovery.resources.find((resource) => resource.kind === kind && !resource.name.includes('/'));
  if (!found) throw Object.assign(new Error(`the cluster has no kind ${kind} in ${apiVersion} (it has ${discovery.resources.filter((resource) => !resource.name.includes('/')).map((resource) => resource.kind).join(', ')})`), { code: 'UNKNOWN_KIND' });
  const collection = (namespace: string | null) => `${root}${found.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${found.name}`;
  return { apiVersion, kind, namespaced: found.namespaced, collection, item: (name, namespace) => `${collection(namespace)}/${encodeURIComponent(name)}` };
}

/** An object, or null when it does not exist. */
export const readOrNull = <T = any>(clients: KubeClients, path: string): Promise<T | null> =>
  kubeRequest<T>(clients, 'GET', path).catch((error: { code?: number }) => {
    if (error.code === 404) return null;
    throw error;
  });

/**
 * A server-side apply of one object as written (the typed client would pass it through the kind's
 * model and drop what it spells differently: a NetworkPolicy rule's `from`, a LimitRange's `default`,
 * a CRD schema's `$ref` and `x-kubernetes-*`). `dryRun` asks for the server's dry run.
 */
export async function serverSideApply<T = any>(clients: KubeClients, object: { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } }, options: { fieldManager: string; force?: boolean; dryRun?: boolean }): Promise<T> {
  const resource = await resourceOf(clients, object.apiVersion!, object.kind!);
  const path = resource.item(object.metadata!.name!, resource.namespaced ? (object.metadata?.namespace ?? null) : null);
  return kubeRequest<T>(clients, 'PATCH', path, { body: object, contentType: 'application/apply-patch+yaml', query: { fieldManager: options.fieldManager, force: options.force ? 'true' : undefined, dryRun: options.dryRun ? 'All' : undefined } });
}
