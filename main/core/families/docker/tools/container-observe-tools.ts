import type Dockerode from 'dockerode';
import { z } from 'zod';
import { defineReadTool, defineTool } from '../../../tools/tool-definition';
import { containerSecretRedactor, maskedLog } from '../container-secret-env';
import { demuxBuffer } from '../docker-streams';
import { attempt, dockerClient, dockerTarget } from './docker-tool-helpers';

const id = z.string().min(1).describe('Container name or id');

export const containerLogs = defineReadTool({
  name: 'docker.container.logs',
  description: "A container's output (stdout and stderr): the last lines, and with followMs, what it prints for that long, streamed. Values of its secret-named variables (DB_PASSWORD…) show masked.",
  input: z.object({ id, tail: z.number().int().min(1).max(10_000).default(200), sinceSec: z.number().int().min(0).optional(), followMs: z.number().int().min(0).max(3_600_000).default(0) }).strict(),
  output: z.object({ stdout: z.string(), stderr: z.string() }),
  reads: 'reads container logs',
  target: dockerTarget,
  preview: async ({ input }) => ({ kind: 'text', text: `docker logs --tail ${input.tail}${input.followMs ? ` --follow (for ${input.followMs} ms)` : ''} ${input.id}` }),
  run: ({ input, ctx, log, signal }) =>
    attempt(`Reading logs of ${input.id}`, async () => {
      const docker = dockerClient(ctx);
      const container = docker.getContainer(input.id);
      // A container that prints its own environment must not hand out its secrets through its logs.
      const redactor = await containerSecretRedactor(container);
      const since = input.sinceSec ? Math.floor(Date.now() / 1000) - input.sinceSec : undefined;
      if (!input.followMs) {
        const buffer = (await container.logs({ stdout: true, stderr: true, tail: input.tail, follow: false, since })) as unknown as Buffer;
        const raw = demuxBuffer(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer)));
        const stdout = redactor.redact(raw.stdout);
        const stderr = redactor.redact(raw.stderr);
        if (stdout) log('stdout', stdout);
        if (stderr) log('stderr', stderr);
        return { stdout, stderr };
      }
      const stream = (await container.logs({ stdout: true, stderr: true, tail: input.tail, follow: true, since })) as NodeJS.ReadableStream & { destroy(): void };
      let stdout = '';
      let stderr = '';
      const shown = maskedLog(redactor, log);
      const sink = (which: 'stdout' | 'stderr') => ({
        write: (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          if (which === 'stdout') stdout += text;
          else stderr += text;
          shown.write(which, text);
          return true;
        },
      });
      docker.modem.demuxStream(stream, sink('stdout') as never, sink('stderr') as never);
      // Following ends after followMs, when the container stops, or on cancel.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, input.followMs);
        function done(): void {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          stream.destroy();
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
        stream.on('end', done);
      });
      shown.end();
      return { stdout: redactor.redact(stdout), stderr: redactor.redact(stderr) };
    }),
});

interface StatsSample {
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly memoryLimitBytes: number;
  readonly memoryPercent: number;
}

/** CPU% as `docker stats` computes it: container CPU time over system CPU time, times the CPUs. */
function sampleOf(stats: Dockerode.ContainerStats): StatsSample {
  const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage;
  const systemDelta = (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0);
  const cpus = stats.cpu_stats.online_cpus ?? stats.cpu_stats.cpu_usage.percpu_usage?.length ?? 1;
  const cache = (stats.memory_stats.stats as Record<string, number> | undefined)?.inactive_file ?? (stats.memory_stats.stats as Record<string, number> | undefined)?.cache ?? 0;
  const memoryBytes = Math.max(0, (stats.memory_stats.usage ?? 0) - cache);
  const memoryLimitBytes = stats.memory_stats.limit ?? 0;
  return {
    cpuPercent: systemDelta > 0 && cpuDelta > 0 ? Math.round((cpuDelta / systemDelta) * cpus * 10_000) / 100 : 0,
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: memoryLimitBytes ? Math.round((memoryBytes / memoryLimitBytes) * 10_000) / 100 : 0,
  };
}

export const containerStats = defineReadTool({
  name: 'docker.container.stats',
  description: 'CPU and memory use of a running container: one sample, or several a second apart (streamed to the output).',
  input: z.object({ id, samples: z.number().int().min(1).max(600).default(1) }).strict(),
  output: z.object({ samples: z.array(z.object({ cpuPercent: z.number(), memoryBytes: z.number(), memoryLimitBytes: z.number(), memoryPercent: z.number() })) }),
  reads: 'reads container statistics',
  target: dockerTarget,
  preview: async ({ input }) => ({ kind: 'text', text: `docker stats ${input.id} (${input.samples} sample${input.samples === 1 ? '' : 's'})` }),
  run: ({ input, ctx, log, signal }) =>
    attempt(`Reading stats of ${input.id}`, async () => {
      const container = dockerClient(ctx).getContainer(input.id);
      const samples: StatsSample[] = [];
      for (let i = 0; i < input.samples && !signal.aborted; i++) {
        // A one-shot read still waits for the engine's two readings, so CPU% has a delta.
        const sample = sampleOf((await container.stats({ stream: false })) as Dockerode.ContainerStats);
        samples.push(sample);
        log('stdout', `cpu ${sample.cpuPercent}%  memory ${(sample.memoryBytes / 1024 / 1024).toFixed(1)} MiB (${sample.memoryPercent}%)\n`);
      }
      return { samples };
    }),
});

export const containerObserveTools = [containerLogs, containerStats];
