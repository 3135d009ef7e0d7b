import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { V1Pod } from '@kubernetes/client-node';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { type KubeClients, kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { findPod, podPort, requireRunning, serviceBackend } from './kube-pods';
import { resolveKind } from './kube-kinds';
import { where } from './kube-read-target';
import { configOf, socketHandler } from './kube-streaming';

/** Only ever this address: a forward is a path into the cluster, for this machine alone. */
const LOOPBACK = '127.0.0.1';

const forwardKind = z
  .enum(['Pod', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'pod', 'pods', 'po', 'service', 'services', 'svc', 'deployment', 'deployments', 'deploy', 'statefulset', 'statefulsets', 'sts', 'daemonset', 'daemonsets', 'ds', 'replicaset', 'replicasets', 'rs'])
  .default('Pod')
  .describe("What `name` names: a Pod (default), a Service (its first ready pod, its port mapped to the pod's targetPort), or a workload (its first ready pod)");

interface ForwardInput {
  kind: string;
  name: string;
  port: number | string;
  localPort: number;
  context?: string;
  namespace?: string;
}

/** The pod a forward goes to, and its port there. */
async function backend(clients: KubeClients, namespace: string, input: ForwardInput): Promise<{ pod: V1Pod; port: number }> {
  if (resolveKind(input.kind).kind === 'Service') return serviceBackend(clients, namespace, input.name, input.port);
  const pod = requireRunning(await findPod(clients, namespace, input, { ready: true }));
  return { pod, port: podPort(pod, input.port) };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(Object.assign(new Error(error.code === 'EADDRINUSE' ? `${LOOPBACK}:${port} is already in use: give another localPort, or 0 for a free one` : `cannot listen on ${LOOPBACK}:${port}: ${error.message}`), { code: error.code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'LISTEN_FAILED' })),
    );
    server.listen(port, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
}

export const kubePortForward = defineTool<ForwardInput, { localPort: number; pod: string; port: number }, undefined, undefined>({
  name: 'kubernetes.port-forward',
  description: `Forward a local port on ${LOOPBACK} (the one given, or a free one) to a port of a pod, of a Service's first ready pod, or of a workload's. It keeps forwarding until the step is stopped, then closes every connection; the local port is in the step's log and output.`,
  input: z
    .object({
      name: z.string().min(1).describe('Name of the pod, Service or workload'),
      kind: forwardKind,
      port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).describe("The pod's port (number, or a container port's name); for a Service, its service port"),
      localPort: z.number().int().min(0).max(65535).default(0).describe(`Port on ${LOOPBACK}; 0 picks a free one`),
      ...where,
    })
    .strict(),
  output: z.object({ localPort: z.number(), pod: z.string(), port: z.number() }),
  risk: ({ input, ctx }) => assess('write', `opens ${LOOPBACK}:${input.localPort || '(a free port)'} into ${input.kind.toLowerCase()}/${input.name}:${input.port} in ${ctx.access(kubeKey).where(input).namespace} until the step is stopped`),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl port-forward --address ${LOOPBACK} ${input.kind.toLowerCase()}/${input.name} ${input.localPort || ''}:${input.port}${input.namespace ? ` -n ${input.namespace}` : ''}\nRuns until the step is stopped; there is no undo: stopping the step closes the port.` }),
  examples: [{ kind: 'svc', name: 'web', port: 80, namespace: 'payments' }, { name: 'db-0', port: 5432, localPort: 15432 }],
  run: ({ input, ctx, log, signal }) =>
    kubeCall(ctx, input, `Forwarding to ${input.kind}/${input.name}`, async (clients, namespace) => {
      const { pod, port } = await backend(clients, namespace, input);
      const podName = pod.metadata?.name ?? input.name;
      const config = configOf(clients);
      const { PortForward } = await import('@kubernetes/client-node');
      const forward = new PortForward(config, true, await socketHandler(config));
      const sockets = new Set<Socket>();
      const tunnels = new Set<{ terminate(): void }>();
      const errors = new Writable({
        write(chunk: Buffer, _encoding, done) {
          log('stderr', `error forwarding to pod/${podName}:${port}: ${chunk.toString('utf8').trim()}\n`);
          done();
        },
      });
      // One websocket per connection, as kubectl opens one stream pair per connection.
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => socket.destroy()); // a client that resets must not take the forward down
        socket.on('close', () => sockets.delete(socket));
        forward.portForward(namespace, podName, [port], socket, errors, socket).then(
          (opened) => {
            const tunnel = typeof opened === 'function' ? opened() : opened;
            if (!tunnel) return socket.destroy();
            tunnels.add(tunnel);
            tunnel.on('close', () => {
              tunnels.delete(tunnel);
              socket.end();
            });
            socket.on('close', () => tunnel.close());
            if (socket.destroyed) tunnel.close();
          },
          (error: Error) => {
            log('stderr', `could not open a connection to pod/${podName}:${port}: ${error.message}\n`);
            socket.destroy();
          },
        );
      });
      if (signal.aborted) return toolFailure('ABORTED', 'stopped before the port was opened');
      const localPort = await listen(server, input.localPort);
      server.on('error', (error) => log('stderr', `${LOOPBACK}:${localPort}: ${error.message}\n`));
      log('stdout', `Forwarding ${LOOPBACK}:${localPort} -> pod/${podName}:${port}\n`);
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        for (const tunnel of tunnels) tunnel.terminate();
      });
      log('info', `Stopped forwarding ${LOOPBACK}:${localPort}\n`);
      return { ok: true, output: { localPort, pod: podName, port } };
    }),
  idempotent: false,
  describeChange: (input) => `forwarded a local port to ${input.kind.toLowerCase()}/${input.name}:${input.port} (closed when the step stopped)`,
});
