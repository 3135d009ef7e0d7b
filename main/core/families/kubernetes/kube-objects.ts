import type { KubernetesObject } from '@kubernetes/client-node';

type Loose = KubernetesObject & { spec?: Record<string, any>; status?: Record<string, any>; data?: Record<string, string>; stringData?: Record<string, string>; type?: string };

/** Fields the server sets that say nothing to a person reading the object (kubectl's -o yaml minus noise). */
export function withoutServerNoise<T extends KubernetesObject>(object: T): T {
  const { managedFields: _managed, ...metadata } = object.metadata ?? {};
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  // Through JSON: the client gives timestamps as Date objects, which a copy or redaction would turn into {}.
  return JSON.parse(JSON.stringify({ ...object, metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : { annotations: undefined }) } })) as T;
}

/** A Secret with each value replaced by its size: values never reach the model, the log or the screen. */
export function redactSecret<T extends KubernetesObject>(object: T): T {
  if (object.kind !== 'Secret') return object;
  const loose = object as Loose;
  const masked = (values: Record<string, string> | undefined, decoded: boolean) =>
    values && Object.fromEntries(Object.entries(values).map(([key, value]) => [key, `[REDACTED ${decoded ? value.length : Buffer.from(value, 'base64').length} bytes]`]));
  return { ...object, ...(loose.data ? { data: masked(loose.data, false) } : {}), ...(loose.stringData ? { stringData: masked(loose.stringData, true) } : {}) };
}

/** One line of status per object, like kubectl get's columns. */
export function summarize(object: KubernetesObject): string {
  const loose = object as Loose;
  const status = loose.status ?? {};
  switch (object.kind) {
    case 'Pod': {
      const containers: { ready?: boolean; restartCount?: number }[] = status.containerStatuses ?? [];
      const ready = containers.filter((container) => container.ready).length;
      const restarts = containers.reduce((sum, container) => sum + (container.restartCount ?? 0), 0);
      return `${status.phase ?? 'Unknown'}, ${ready}/${loose.spec?.containers?.length ?? containers.length} ready, ${restarts} restarts${loose.spec?.nodeName ? `, on ${loose.spec.nodeName}` : ''}`;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return `${status.readyReplicas ?? 0}/${loose.spec?.replicas ?? 0} ready, ${status.updatedReplicas ?? 0} up to date`;
    case 'DaemonSet':
      return `${status.numberReady ?? 0}/${status.desiredNumberScheduled ?? 0} ready`;
    case 'Job':
      return status.succeeded ? `complete (${status.succeeded})` : status.failed ? `failed (${status.failed})` : `${status.active ?? 0} active`;
    case 'Service':
      return `${loose.spec?.type ?? 'ClusterIP'} ${loose.spec?.clusterIP ?? ''} ${(loose.spec?.ports ?? []).map((port: { port: number; protocol?: string }) => `${port.port}/${port.protocol ?? 'TCP'}`).join(',')}`.trim();
    case 'Secret':
      return `${loose.type ?? 'Opaque'}, keys: ${Object.keys(loose.data ?? {}).join(', ') || 'none'}`;
    case 'Node': {
      const ready = (status.conditions ?? []).find((condition: { type: string }) => condition.type === 'Ready');
      return ready?.status === 'True' ? 'Ready' : 'NotReady';
    }
    case 'Namespace':
      return status.phase ?? 'Active';
    default:
      return object.metadata?.creationTimestamp ? `created ${new Date(object.metadata.creationTimestamp).toISOString()}` : '';
  }
}
