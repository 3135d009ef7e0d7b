import type Dockerode from 'dockerode';
import type { AuditLog } from '../../audit/audit-log';
import type { Redactor } from '../../audit/redactor';
import type { EventBus } from '../../events/event-bus';
import { dockerAccess } from './docker-access';
import { classifyStep } from '../../plan/classify-step';
import { PlanRunner } from '../../plan/plan-runner';
import type { RunRepository } from '../../plan/run-repository';
import type { PolicyEngine } from '../../policy/policy-engine';
import type { ShellAnalyzer } from '../../policy/shell/shell-analyzer';
import { toolContext } from '../../tools/tool-definition';
import { readNow } from '../../plan/read-now';
import type { ToolRegistry } from '../../tools/tool-registry';

export interface ResourcesDependencies {
  readonly env: NodeJS.ProcessEnv;
  readonly registry: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly shell: () => Promise<ShellAnalyzer>;
  readonly runs: RunRepository;
  readonly audit: AuditLog;
  readonly redactor: Redactor;
  readonly events: EventBus;
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

/**
 * The Resources view of the Docker engine: lists, live change events from the engine, and actions
 * that go through the plan engine and its policy like everything else (one-step plans).
 */
export class ResourcesService {
  private watching: NodeJS.ReadableStream | null = null;

  constructor(private readonly deps: ResourcesDependencies) {}

  async list() {
    const access = dockerAccess(this.deps.env);
    const engine = { target: access.target.label, reachable: false, problem: null as string | null };
    let docker: Dockerode;
    try {
      docker = access.client();
      await docker.ping();
      engine.reachable = true;
    } catch (error) {
      engine.problem = `The Docker engine cannot be reached: ${(error as Error).message}`;
      return { engine, containers: [], images: [], networks: [], volumes: [] };
    }
    this.watch(docker);
    const [containers, images, networks, volumes] = await Promise.all([docker.listContainers({ all: true }), docker.listImages(), docker.listNetworks(), docker.listVolumes()]);
    return {
      engine,
      containers: containers.map((container) => ({ id: container.Id, name: (container.Names[0] ?? container.Id).replace(/^\//, ''), image: container.Image, state: container.State, status: container.Status, project: container.Labels?.['com.docker.compose.project'] ?? null })),
      images: images.map((image) => ({ id: image.Id, tags: image.RepoTags ?? [], sizeBytes: image.Size })),
      networks: networks.map((network) => ({ id: network.Id, name: network.Name, driver: network.Driver })),
      volumes: (volumes.Volumes ?? []).map((volume) => ({ name: volume.Name, driver: volume.Driver })),
    };
  }

  /** Runs a container action as a one-step plan. Without `approve`, only says what approval it needs. */
  async act(request: { id: string; action: ContainerAction; approve: boolean; confirm?: string }) {
    const shell = await this.deps.shell();
    const tool = this.deps.registry.get(`docker.container.${request.action}`)!;
    const input = tool.input.parse(request.action === 'remove' ? { id: request.id, force: true } : { id: request.id });
    const ctx = toolContext(process.cwd(), this.deps.env, shell);
    const { risk, reasons, target, verdict } = await classifyStep(tool, input, ctx, this.deps.policy);
    const base = { risk, reasons: [...reasons], target: target.label, confirmation: verdict.confirmation };
    if (verdict.decision === 'deny') return { ...base, outcome: 'denied' as const, message: `Refused by policy (${verdict.reason}).` };
    if (!request.approve && (verdict.decision !== 'allow' || verdict.confirmation)) return { ...base, outcome: 'needs-approval' as const, message: `${risk} action: approve to run it.` };
    const runner = new PlanRunner({ registry: this.deps.registry, policy: this.deps.policy, shell, repository: this.deps.runs, emit: (event) => this.deps.audit.append(event.type, event, event.runId) });
    const result = await runner.run({
      plan: { name: `${request.action} ${request.id}`, steps: [{ id: request.action, tool: tool.name, input: input as Record<string, unknown>, dependsOn: [] }] },
      workspace: process.cwd(),
      env: this.deps.env,
      approveUpTo: request.approve ? risk : null,
      approvalSource: 'resources pane',
      confirmations: request.confirm ? [request.confirm] : [],
      rollback: false,
    });
    const step = result.steps.get(request.action)!;
    if (step.status === 'succeeded') return { ...base, outcome: 'done' as const, message: `${request.action} ${request.id}: done (run ${result.runId.slice(0, 8)}).` };
    if (step.status === 'needs-approval') return { ...base, outcome: 'needs-approval' as const, message: 'The typed confirmation does not match the target.' };
    return { ...base, outcome: 'failed' as const, message: this.deps.redactor.redact(step.error?.message ?? step.status) };
  }

  /** Logs or stats of a container, read at once through the policy (see readNow). */
  async observe<O>(toolName: 'docker.container.logs' | 'docker.container.stats', input: Record<string, unknown>, signal: AbortSignal): Promise<O> {
    return readNow<O>(this.deps, toolName, input, toolContext(process.cwd(), this.deps.env, await this.deps.shell()), signal);
  }

  /** Engine events become `resources.changed` for every window; started on first list, stopped on dispose. */
  private watch(docker: Dockerode): void {
    if (this.watching) return;
    docker.getEvents({ filters: JSON.stringify({ type: ['container', 'image', 'network', 'volume'] }) }).then(
      (stream) => {
        this.watching = stream;
        stream.on('data', () => this.deps.events.emit('resources.changed', {}));
        stream.on('error', () => (this.watching = null));
        stream.on('end', () => (this.watching = null));
      },
      () => undefined,
    );
  }

  dispose(): void {
    (this.watching as unknown as { destroy?: () => void } | null)?.destroy?.();
    this.watching = null;
  }
}
