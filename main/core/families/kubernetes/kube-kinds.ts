/** The apiVersion and scope of the kinds people name without one; other kinds (CRDs) need `apiVersion`. */
const builtIn: Record<string, { apiVersion: string; namespaced: boolean }> = {
  Pod: { apiVersion: 'v1', namespaced: true },
  Service: { apiVersion: 'v1', namespaced: true },
  ConfigMap: { apiVersion: 'v1', namespaced: true },
  Secret: { apiVersion: 'v1', namespaced: true },
  ServiceAccount: { apiVersion: 'v1', namespaced: true },
  PersistentVolumeClaim: { apiVersion: 'v1', namespaced: true },
  Event: { apiVersion: 'v1', namespaced: true },
  Endpoints: { apiVersion: 'v1', namespaced: true },
  LimitRange: { apiVersion: 'v1', namespaced: true },
  ResourceQuota: { apiVersion: 'v1', namespaced: true },
  Namespace: { apiVersion: 'v1', namespaced: false },
  Node: { apiVersion: 'v1', namespaced: false },
  PersistentVolume: { apiVersion: 'v1', namespaced: false },
  Deployment: { apiVersion: 'apps/v1', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', namespaced: true },
  Job: { apiVersion: 'batch/v1', namespaced: true },
  CronJob: { apiVersion: 'batch/v1', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', namespaced: true },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', namespaced: true },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', namespaced: true },
  PodDisruptionBudget: { apiVersion: 'policy/v1', namespaced: true },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false },
  StorageClass: { apiVersion: 'storage.k8s.io/v1', namespaced: false },
  CustomResourceDefinition: { apiVersion: 'apiextensions.k8s.io/v1', namespaced: false },
};

/** `pods`, `deploy`, `Deployment` → the kind's canonical name, as kubectl accepts them. */
const aliases: Record<string, string> = { po: 'Pod', svc: 'Service', cm: 'ConfigMap', sa: 'ServiceAccount', pvc: 'PersistentVolumeClaim', ev: 'Event', ep: 'Endpoints', ns: 'Namespace', no: 'Node', pv: 'PersistentVolume', deploy: 'Deployment', sts: 'StatefulSet', ds: 'DaemonSet', rs: 'ReplicaSet', cj: 'CronJob', ing: 'Ingress', netpol: 'NetworkPolicy', hpa: 'HorizontalPodAutoscaler', pdb: 'PodDisruptionBudget', sc: 'StorageClass', crd: 'CustomResourceDefinition' };

export interface KindInfo {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
}

/** A built-in kind as a person writes it (`pods`, `deploy`, `Deployment`), or null for any other (a CRD, an aggregated API). */
export function builtInKind(kind: string, apiVersion?: string): KindInfo | null {
  const lower = kind.toLowerCase();
  const canonical = aliases[lower] ?? Object.keys(builtIn).find((name) => [name.toLowerCase(), `${name.toLowerCase()}s`, `${name.toLowerCase()}es`].includes(lower));
  const known = canonical ? builtIn[canonical] : undefined;
  return canonical && known ? { kind: canonical, apiVersion: apiVersion ?? known.apiVersion, namespaced: known.namespaced } : null;
}

/**
 * Resolves a kind without asking the cluster; throws naming what to do for an unknown kind without
 * apiVersion. Steps that can reach the cluster use `resolveKindLive` (kube-discovery.ts), which also
 * knows custom resources by plural, singular, kind and short name.
 */
export function resolveKind(kind: string, apiVersion?: string): KindInfo {
  const known = builtInKind(kind, apiVersion);
  if (known) return known;
  if (!apiVersion) throw Object.assign(new Error(`"${kind}" is not a built-in kind: give its apiVersion too (e.g. "cert-manager.io/v1" for a Certificate)`), { code: 'UNKNOWN_KIND' });
  return { kind, apiVersion, namespaced: true };
}
