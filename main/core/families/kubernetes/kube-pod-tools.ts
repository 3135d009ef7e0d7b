import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { z } from 'zod';
import { maxRisk } from '../../policy/risk';
import { defineReadTool, defineTool, toolFailure } from '../../tools/tool-definition';
import { type KubeClients, kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { exitCodeOf, shellLine } from './kube-exec-status';
import { findPod, pickContainer, podKind, requireRunning } from './kube-pods';
import { kubePortForward } from './kube-port-forward';
import { where } from './kube-read-target';
import { configOf, socketHandler, TextTail } from './kube-streaming';

/** What a step's output keeps of a log or a command's output (its end); the terminal gets all of it. */
const OUTPUT_LIMIT = 64 * 1024;
/** What one read of a log asks the server for at most, so a huge log cannot fill memory. */
const READ_LIMIT_BYTES = 8 * 1024 * 1024;
const DEFAULT_TAIL = 200;

const name = z.string().min(1).describe('Name of the pod, or of the workload given as kind');
const container = z.string().min(1).optional().describe("Container (default: the pod's default container, else its first)");

const kubectlTarget = (input: { kind: string; name: string; namespace?: string; context?: string; container?: string }) =>
  `${input.kind.toLowerCase() === 'pod' ? '' : `${input.kind.toLowerCase()}/`}${input.name}${input.container ? ` -c ${input.container}` : ''}${input.namespace ? ` -n ${input.namespace}` : ''}${input.context ? ` --context ${input.context}` : ''}`;

/** A writable that passes text on to `each` as it comes (whole UTF-8 characters only). */
function textSink(each: (text: string) => void, onFinish?: () => void): Writable {
  const decoder = new StringDecoder('utf8');
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = decoder.write(chunk);
      if (text) each(text);
      done();
    },
    final(done) {
      const rest = decoder.end();
      if (rest) each(rest);
      onFinish?.();
      done();
    },
  });
}

/**
 * Streams a container's log into `each` until the server ends it or `signal` aborts. client-node's
 * Log pipes the response into the sink without listening for the response's errors, so an abort
 * would crash the process: the sink listens on whatever is piped into it.
 */
async function followLog(clients: KubeClients, namespace: string, pod: string, container: string, options: { previous: boolean; sinceSeconds?: number; tailLines?: number }, signal: AbortSignal, each: (text: string) => void): Promise<void> {
  const { Log } = await import('@kubernetes/client-node');
  let ended = (): void => undefined;
  const finished = new Promise<void>((resolve) => (ended = resolve));
  const sink = textSink(each, () => ended());
  sink.on('pipe', (source) => source.on('error', () => ended()));
  let controller: AbortController;
  try {
    controller = await new Log(configOf(clients)).log(namespace, pod, container, sink, { follow: true, ...options });
  } catch (error) {
    if (signal.aborted) return;
    // Log drops the server's words; asking once without follow gets them (a bad `previous`, a gone pod).
    await clients.core.readNamespacedPodLog({ name: pod, namespace, container, ...options, limitBytes: 1 });
    throw error;
  }
  const stop = (): void => {
    controller.abort();
    ended();
  };
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  await finished;
  signal.removeEventListener('abort', stop);
}

export const kubeLogs = defineReadTool({
  name: 'kubernetes.logs',
  description: `A container's log: a pod's, or the first running pod's of a Deployment, StatefulSet, DaemonSet, ReplicaSet or Job. The last ${DEFAULT_TAIL} lines unless tailLines or sinceSeconds says otherwise; previous reads the crashed instance before a restart. With follow, new lines stream into the step's terminal until the step is stopped or the log ends. The output keeps the last ${OUTPUT_LIMIT / 1024} KiB.`,
  input: z
    .object({
      name,
      kind: podKind,
      container,
      previous: z.boolean().default(false).describe("The container's previous instance (why it crashed)"),
      sinceSeconds: z.number().int().positive().max(31_536_000).optional().describe('Only lines of the last this many seconds'),
      tailLines: z.number().int().min(0).max(100_000).optional().describe(`Only the last this many lines (default ${DEFAULT_TAIL}, or all of sinceSeconds)`),
      follow: z.boolean().default(false).describe('Keep streaming new lines until the step is stopped'),
      ...where,
    })
    .strict(),
  output: z.object({ pod: z.string(), container: z.string(), text: z.string(), truncated: z.boolean() }),
  reads: 'reads container logs',
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl logs ${kubectlTarget(input)}${input.previous ? ' --previous' : ''}${input.sinceSeconds ? ` --since=${input.sinceSeconds}s` : ''} --tail=${input.tailLines ?? (input.sinceSeconds ? -1 : DEFAULT_TAIL)}${input.follow ? ' --follow (until the step is stopped)' : ''}` }),
  examples: [{ name: 'web-5d9f7-x2x4q', namespace: 'payments' }, { kind: 'deploy', name: 'web', tailLines: 50, follow: true }],
  run: ({ input, ctx, log, signal }) =>
    kubeCall(ctx, input, `Reading the log of ${input.kind}/${input.name}`, async (clients, namespace) => {
      const pod = await findPod(clients, namespace, input);
      const podName = pod.metadata?.name ?? input.name;
      const { container: chosen, note } = pickContainer(pod, input.container);
      if (note) log('info', `${note}\n`);
      const options = { previous: input.previous, ...(input.sinceSeconds ? { sinceSeconds: input.sinceSeconds } : {}), ...(input.tailLines !== undefined ? { tailLines: input.tailLines } : input.sinceSeconds ? {} : { tailLines: DEFAULT_TAIL }) };
      const tail = new TextTail(OUTPUT_LIMIT);
      const each = (text: string): void => {
        tail.add(text);
        log('stdout', text);
      };
      if (input.follow) await followLog(clients, namespace, podName, chosen, options, signal, each);
      else {
        const text = await clients.core.readNamespacedPodLog({ name: podName, namespace, container: chosen, ...options, limitBytes: READ_LIMIT_BYTES });
        if (text) each(text);
      }
      return { ok: true, output: { pod: podName, container: chosen, ...tail.result() } };
    }),
});

interface ExecInput {
  kind: string;
  name: string;
  container?: string;
  command: string[];
  context?: string;
  namespace?: string;
}

export const kubeExec = defineTool<ExecInput, { pod: string; container: string; exitCode: number; stdout: string; stderr: string }, undefined, undefined>({
  name: 'kubernetes.exec',
  description: 'Run a command (an argv array, no shell unless you run one) in a container of a pod, or of the first running pod of a workload, streaming its output. A non-zero exit fails the step with the exit code. It cannot be undone.',
  input: z.object({ name, kind: podKind, container, command: z.array(z.string()).min(1).describe('e.g. ["cat", "/etc/hosts"]; ["sh", "-c", "…"] for a shell line'), ...where }).strict(),
  output: z.object({ pod: z.string(), container: z.string(), exitCode: z.number(), stdout: z.string(), stderr: z.string() }),
  // The command is rated as the shell would rate it, and never below write: it runs inside a live
  // workload, next to its data and credentials.
  risk: ({ input, ctx }) => {
    const inner = ctx.shell.analyze(shellLine(input.command));
    const place = ctx.access(kubeKey).where(input);
    return { risk: maxRisk('write', inner.risk), reasons: [...inner.reasons, `runs in ${input.kind.toLowerCase() === 'pod' ? 'pod' : `a pod of ${input.kind}`} ${input.name} in ${place.namespace}`] };
  },
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl exec ${kubectlTarget(input)} -- ${shellLine(input.command)}\nThis cannot be undone by Reign.` }),
  run: ({ input, ctx, log, signal }) =>
    kubeCall(ctx, input, `Running a command in ${input.kind}/${input.name}`, async (clients, namespace) => {
      const pod = requireRunning(await findPod(clients, namespace, input));
      const podName = pod.metadata?.name ?? input.name;
      const { container: chosen, note } = pickContainer(pod, input.container);
      if (note) log('info', `${note}\n`);
      const config = configOf(clients);
      const { Exec } = await import('@kubernetes/client-node');
      const stdout = new TextTail(OUTPUT_LIMIT);
      const stderr = new TextTail(OUTPUT_LIMIT);
      let status: V1Status | null = null;
      if (signal.aborted) return toolFailure('ABORTED', 'stopped before the command started');
      const socket = await new Exec(config, await socketHandler(config)).exec(
        namespace,
        podName,
        chosen,
        input.command,
        textSink((text) => (stdout.add(text), log('stdout', text))),
        textSink((text) => (stderr.add(text), log('stderr', text))),
        null,
        false,
        (reported) => (status = reported),
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => socket.terminate();
        if (signal.aborted) stop();
        signal.addEventListener('abort', stop, { once: true });
        socket.on('close', () => {
          signal.removeEventListener('abort', stop);
          resolve();
        });
      });
      const reported = status as V1Status | null;
      const out = stdout.result().text;
      const err = stderr.result().text;
      if (!reported) return toolFailure(signal.aborted ? 'ABORTED' : 'EXEC_FAILED', signal.aborted ? 'stopped while the command ran; it may still be running in the container' : 'the connection closed before the command reported how it ended', { stdout: out, stderr: err });
      const exitCode = exitCodeOf(reported);
      if (exitCode === null) return toolFailure('EXEC_FAILED', `the command did not run: ${reported.message ?? reported.reason ?? 'the server gave no reason'}`, { stdout: out, stderr: err });
      if (exitCode !== 0) return toolFailure('EXIT_CODE', `the command exited with code ${exitCode}${err.trim() ? `: ${err.trim().split('\n').at(-1)}` : ''}`, { exitCode, stdout: out, stderr: err });
      return { ok: true, output: { pod: podName, container: chosen, exitCode, stdout: out, stderr: err } };
    }),
  idempotent: false,
  describeChange: (input) => `ran \`${shellLine(input.command)}\` in ${input.kind}/${input.name}`,
});

export const kubePodTools = [kubeLogs, kubeExec, kubePortForward];
