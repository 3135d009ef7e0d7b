import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { clusterFlags, type SetValue, timeoutArgs } from './helm-args';
import { withChartArguments } from './helm-chart-input';
import { runHelm, runHelmJson } from './helm-exec';

/** A release as helm prints it with `-o json` (install, upgrade, their dry runs). */
export interface ReleaseJson {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  readonly info: { readonly status: string; readonly description?: string; readonly notes?: string };
  readonly chart?: { readonly metadata?: { readonly name?: string; readonly version?: string; readonly appVersion?: string } };
  readonly config?: Record<string, unknown> | null;
  readonly manifest?: string;
  readonly hooks?: readonly { readonly name: string; readonly kind: string; readonly events?: readonly string[] }[];
}

export interface DeployInput {
  readonly release: string;
  readonly chart: string;
  readonly version?: string;
  readonly values: readonly string[];
  readonly set: Readonly<Record<string, SetValue>>;
  readonly rollbackOnFailure: boolean;
  readonly timeoutSeconds: number;
  readonly createNamespace?: boolean;
  readonly valuesMode?: 'reuse' | 'reset';
}

type Place = { readonly context: string; readonly namespace: string };

/**
 * `helm install` or `helm upgrade` of the step's chart, printed as JSON. With `dryRun`, helm renders
 * against the server (lookups work) and changes nothing; otherwise it waits for the release to be
 * ready and, with `rollbackOnFailure`, undoes a failed attempt itself (--atomic).
 */
export async function helmDeploy(ctx: ToolContext, verb: 'install' | 'upgrade', input: DeployInput, place: Place, options: { dryRun: boolean; signal?: AbortSignal; onStderr?: (chunk: string) => void }): Promise<ToolResult<ReleaseJson>> {
  return withChartArguments(ctx, input, (chartArgs) => {
    const args = [verb, input.release, ...chartArgs, ...clusterFlags(place), '--output', 'json'];
    if (verb === 'install' && input.createNamespace) args.push('--create-namespace');
    // Upgrade keeps the values people set before (on the new chart's defaults) unless told to start over.
    if (verb === 'upgrade') args.push(input.valuesMode === 'reset' ? '--reset-values' : '--reset-then-reuse-values');
    if (options.dryRun) args.push('--dry-run=server');
    else args.push(...(input.rollbackOnFailure ? ['--atomic'] : []), ...timeoutArgs(input.timeoutSeconds));
    return runHelmJson<ReleaseJson>(ctx, args, { signal: options.signal, onStderr: options.onStderr, timeoutMs: (input.timeoutSeconds + 60) * 1000 });
  });
}

/** What a release is now: its chart, user values and manifest (of the latest revision). */
export interface CurrentRelease {
  readonly revision: number;
  readonly status: string;
  readonly chart: string;
  readonly chartVersion: string;
  readonly appVersion: string;
  readonly values: Record<string, unknown> | null;
  readonly manifest: string;
}

export async function currentRelease(ctx: ToolContext, place: Place, release: string, revision?: number): Promise<ToolResult<CurrentRelease>> {
  const at = revision ? ['--revision', String(revision)] : [];
  const metadata = await runHelmJson<{ chart: string; version: string; appVersion?: string; revision: number; status: string }>(ctx, ['get', 'metadata', release, ...at, '-o', 'json', ...clusterFlags(place)]);
  if (!metadata.ok) return metadata;
  const values = await runHelmJson<Record<string, unknown> | null>(ctx, ['get', 'values', release, ...at, '-o', 'json', ...clusterFlags(place)]);
  if (!values.ok) return values;
  const manifest = await runHelm(ctx, ['get', 'manifest', release, ...at, ...clusterFlags(place)]);
  if (!manifest.ok) return manifest;
  const { chart, version, appVersion, status } = metadata.output;
  return { ok: true, output: { revision: metadata.output.revision, status, chart, chartVersion: version, appVersion: appVersion ?? '', values: values.output, manifest: manifest.output } };
}

/** `microservice 0.1.0 (app 1.0.0)` */
export const chartLabel = (name?: string, version?: string, appVersion?: string): string => `${name ?? '?'} ${version ?? '?'}${appVersion ? ` (app ${appVersion})` : ''}`;
