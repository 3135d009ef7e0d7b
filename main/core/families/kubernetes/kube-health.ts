import type { FamilyTargetHealth } from '../../../../preload/contract';
import type { HealthWhere } from '../family';
import { kubeAccess } from './kube-access';
import { apiMessage } from './kube-call';
import { probeKubernetes } from './kube-probe';
import { kubeRequest } from './kube-raw';

/** Each context gets this long, so one unreachable cluster leaves time for the others. */
const CONTEXT_LIMIT_MS = 4000;
/** A dashboard, not an inventory: contexts beyond these are listed in the Resources pane. */
const CONTEXTS_SHOWN = 8;
const PODS_READ = 2000;

/** Waiting reasons of a container that will not come up by itself. */
const STUCK = /CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|InvalidImageName/;

interface PodList {
  items: { status?: { phase?: string; containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } }[];
  metadata?: { continue?: string };
}

/** One card per context of the kubeconfig (the current one first): reachable, its version, namespaces and pods by phase. */
export async function kubernetesHealth({ env, signal, readRefusal }: HealthWhere): Promise<FamilyTargetHealth[]> {
  const check = probeKubernetes(env);
  if (!check.contexts.length) {
    return [{ id: 'kubernetes', kind: 'Kubernetes', label: 'Kubernetes', tone: 'idle', state: 'not configured', summary: check.summary, fix: check.fix, facts: [], counts: [], open: null }];
  }
  const access = kubeAccess(env);
  const contexts = [...check.contexts].sort((a, b) => Number(b.name === check.currentContext) - Number(a.name === check.currentContext)).slice(0, CONTEXTS_SHOWN);
  return Promise.all(contexts.map((context) => contextHealth(access, context.name, context.name === check.currentContext, AbortSignal.any([signal, AbortSignal.timeout(CONTEXT_LIMIT_MS)]), readRefusal)));
}

async function contextHealth(access: ReturnType<typeof kubeAccess>, context: string, current: boolean, signal: AbortSignal, readRefusal: HealthWhere['readRefusal']): Promise<FamilyTargetHealth> {
  const base = { id: `kubernetes:${context}/*`, kind: 'Kubernetes context', label: context, marks: current ? (['current'] as const) : [], open: { view: 'kubernetes.pods', scope: { context, namespace: '*' } } };
  // Pods of every namespace: what `kubernetes.list` with allNamespaces reads, on the same target.
  const refused = readRefusal(base.id, 'kubernetes.list');
  if (refused) return { ...base, ...refused };
  try {
    const clients = await access.clients(context);
    const [version, namespaces, pods] = await Promise.all([
      kubeRequest<{ gitVersion?: string }>(clients, 'GET', '/version', { signal }),
      kubeRequest<{ items: unknown[]; metadata?: { continue?: string } }>(clients, 'GET', '/api/v1/namespaces', { signal, query: { limit: '500' } }).catch(() => null),
      kubeRequest<PodList>(clients, 'GET', '/api/v1/pods', { signal, query: { limit: String(PODS_READ) } }).catch(() => null),
    ]);
    const counted = pods ? countPods(pods) : null;
    const broken = counted ? counted.failed : 0;
    return {
      ...base,
      tone: broken ? 'warn' : 'ok',
      state: broken ? 'pods failing' : 'reachable',
      summary: broken ? `${broken} pod${broken === 1 ? '' : 's'} failed or cannot start.` : `API server ${version.gitVersion ?? ''} answers.`.replace('  ', ' '),
      fix: broken ? 'Open the pods to read their events and logs.' : pods ? null : 'This account may not list pods across namespaces; choose a namespace in Resources.',
      facts: [
        { label: 'Server', value: version.gitVersion ?? 'unknown' },
        ...(namespaces ? [{ label: 'Namespaces', value: `${namespaces.items.length}${namespaces.metadata?.continue ? '+' : ''}` }] : []),
      ],
      counts: counted
        ? [
            { label: 'running', value: counted.running, tone: counted.running ? 'ok' : 'idle', atLeast: counted.more },
            { label: 'pending', value: counted.pending, tone: counted.pending ? 'warn' : 'idle', atLeast: counted.more },
            { label: 'failed', value: counted.failed, tone: counted.failed ? 'bad' : 'idle', atLeast: counted.more },
          ]
        : [],
    };
  } catch (error) {
    const timedOut = signal.aborted;
    return {
      ...base,
      // Its Resources would only say the same.
      open: null,
      tone: 'bad',
      state: 'unreachable',
      summary: timedOut ? `The API server of ${context} did not answer within ${CONTEXT_LIMIT_MS / 1000} s.` : `The API server of ${context} did not answer: ${apiMessage(error)}`,
      fix: 'Check that the cluster is running and that this machine reaches it (VPN, `kubectl --context ' + context + ' get ns`); expired credentials need a new kubeconfig from your cluster.',
      facts: [],
      counts: [],
    };
  }
}

function countPods(list: PodList): { running: number; pending: number; failed: number; more: boolean } {
  let running = 0;
  let pending = 0;
  let failed = 0;
  for (const pod of list.items) {
    const stuck = (pod.status?.containerStatuses ?? []).some((status) => STUCK.test(status.state?.waiting?.reason ?? ''));
    const phase = pod.status?.phase;
    if (phase === 'Failed' || stuck) failed += 1;
    else if (phase === 'Running') running += 1;
    else if (phase === 'Pending' || phase === 'Unknown') pending += 1;
  }
  return { running, pending, failed, more: Boolean(list.metadata?.continue) };
}
