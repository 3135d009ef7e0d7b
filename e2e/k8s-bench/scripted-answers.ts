/**
 * What a model would answer to each task, as scripted turns (`reign ask --transcript`): a look
 * with a read tool, one plan of Reign's Kubernetes tools, a closing sentence. The turns are fixed
 * (a script does not read the results), so they test Reign's tools, plan engine and policy on the
 * real cluster, not a model's judgment.
 */
export interface ScriptedAnswer {
  readonly turns: readonly unknown[];
  /** `--approve`: the highest risk of the plan's steps, as Reign rates them. */
  readonly approve: 'write' | 'destructive';
}

const get = (kind: string, name: string, namespace: string) => ({ name: 'kubernetes.get', arguments: { kind, name, namespace } });
const plan = (summary: string, steps: readonly { id: string; tool: string; input: Record<string, unknown>; dependsOn?: string[] }[]) => ({ tool_calls: [{ name: 'propose_plan', arguments: { summary, steps } }] });

const canaryDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: engine-v2-1
  labels: { app: recommendation-engine, version: v2.1 }
spec:
  replicas: 2
  selector:
    matchLabels: { app: recommendation-engine, version: v2.1 }
  template:
    metadata:
      labels: { app: recommendation-engine, version: v2.1 }
    spec:
      containers:
      - name: rec-engine
        image: nginx:1.29
        ports: [{ containerPort: 80 }]
`;

const service = (name: string, selector: Record<string, string>) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: ${JSON.stringify(selector)}
  ports:
  - { protocol: TCP, port: 80, targetPort: 80 }
`;

const readOnlyPods = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader-sa-reads-pods
subjects:
- kind: ServiceAccount
  name: reader-sa
  namespace: create-simple-rbac
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
`;

export const scriptedAnswers: Record<string, ScriptedAnswer> = {
  'scale-down-deployment': {
    approve: 'write',
    turns: [
      { text: 'Checking how many replicas web-service runs now.', tool_calls: [get('deployment', 'web-service', 'scale-down-test')] },
      plan('Scale web-service from 2 replicas to 1 (50% fewer).', [{ id: 'scale-down', tool: 'kubernetes.scale', input: { kind: 'deployment', name: 'web-service', replicas: 1, namespace: 'scale-down-test' } }]),
      { text: 'web-service now runs 1 replica instead of 2.' },
    ],
  },
  'create-simple-rbac': {
    approve: 'write',
    turns: [
      { text: 'Checking that the service account exists.', tool_calls: [get('serviceaccount', 'reader-sa', 'create-simple-rbac')] },
      plan('A Role that can only get, list and watch pods, bound to reader-sa, in create-simple-rbac.', [{ id: 'role', tool: 'kubernetes.apply', input: { manifest: readOnlyPods, namespace: 'create-simple-rbac' } }]),
      { text: 'reader-sa can now get, list and watch pods in create-simple-rbac, and nothing else.' },
    ],
  },
  'create-canary-deployment': {
    // The Service's selector (an atomic map) is owned by the setup's `kubectl apply`: Reign's
    // server-side apply, without force, is refused with a conflict, so the Service is replaced
    // (deleting it is destructive).
    approve: 'destructive',
    turns: [
      { text: 'Looking at the stable deployment and its service.', tool_calls: [get('deployment', 'engine-v2-0', 'canary-deployment-ns'), get('service', 'recommendation-engine', 'canary-deployment-ns')] },
      plan('Deploy engine-v2-1 (nginx:1.29) with as many replicas as engine-v2-0, and point the service at both versions by app label, for about 50% of traffic each.', [
        { id: 'canary', tool: 'kubernetes.apply', input: { manifest: canaryDeployment, namespace: 'canary-deployment-ns' } },
        { id: 'unpin-service', tool: 'kubernetes.delete', input: { kind: 'service', name: 'recommendation-engine', namespace: 'canary-deployment-ns' }, dependsOn: ['canary'] },
        { id: 'service', tool: 'kubernetes.apply', input: { manifest: service('recommendation-engine', { app: 'recommendation-engine' }), namespace: 'canary-deployment-ns' }, dependsOn: ['unpin-service'] },
      ]),
      { text: 'engine-v2-1 runs 2 replicas of nginx:1.29 beside engine-v2-0, and the service now selects both: about half the traffic goes to the canary.' },
    ],
  },
};
