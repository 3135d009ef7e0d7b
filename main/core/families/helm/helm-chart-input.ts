import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';
import { type ChartSource, chartArgs, chartSource, type SetValue, setToValues, valuesArgs } from './helm-args';

/** What a step names about its chart, as the model sends it. */
export interface ChartInput {
  readonly chart: string;
  readonly version?: string;
  readonly values?: readonly string[];
  readonly set?: Readonly<Record<string, SetValue>>;
}

/** A chart folder of the workspace (`.` is the workspace itself), or null when there is none at that path. */
export function localChartFolder(ctx: ToolContext, chart: string): string | null {
  if (chart.startsWith('oci://') || /^https?:\/\//.test(chart)) return null;
  const folder = chart === '.' || chart === './' ? ctx.workspace : resolveInWorkspace(ctx.workspace, chart);
  return existsSync(join(folder, 'Chart.yaml')) || (existsSync(folder) && statSync(folder).isFile() && folder.endsWith('.tgz')) ? folder : null;
}

/** Which kind of chart the step names (throws with what to do when it names none). */
export function sourceOf(ctx: ToolContext, input: ChartInput): ChartSource {
  return chartSource(input.chart, input.version, localChartFolder(ctx, input.chart) !== null);
}

/**
 * helm's chart, --version and --values arguments for a step. Values files are confined to the
 * workspace; `set` goes into a private temporary values file (mode 600, removed by `cleanup`), so
 * its values never appear on a command line. Throws with a message naming the problem.
 */
export function chartArguments(ctx: ToolContext, input: ChartInput): { args: string[]; source: ChartSource; cleanup: () => void } {
  const source = sourceOf(ctx, input);
  const files = (input.values ?? []).map((path) => {
    const absolute = resolveInWorkspace(ctx.workspace, path);
    if (!existsSync(absolute)) throw new Error(`The values file "${path}" does not exist in the workspace.`);
    return absolute;
  });
  const overrides = input.set && Object.keys(input.set).length ? setToValues(input.set) : null;
  let folder: string | null = null;
  if (overrides) {
    folder = mkdtempSync(join(tmpdir(), 'reign-helm-values-'));
    writeFileSync(join(folder, 'set.yaml'), stringify(overrides), { mode: 0o600 });
  }
  return {
    args: [...chartArgs(source, source.kind === 'local' ? localChartFolder(ctx, input.chart)! : undefined), ...valuesArgs(files, folder ? join(folder, 'set.yaml') : null)],
    source,
    cleanup: () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `work` with a step's chart arguments, removing their temporary values file afterwards; a
 * chart or values the step names wrongly fail as INVALID_CHART, saying what is wrong.
 */
export async function withChartArguments<O>(ctx: ToolContext, input: ChartInput, work: (args: readonly string[]) => Promise<ToolResult<O>>): Promise<ToolResult<O>> {
  let chart: ReturnType<typeof chartArguments>;
  try {
    chart = chartArguments(ctx, input);
  } catch (error) {
    return toolFailure('INVALID_CHART', (error as Error).message);
  }
  try {
    return await work(chart.args);
  } finally {
    chart.cleanup();
  }
}
