import { z } from 'zod';

/** Where a step's helm command acts: always named, so helm never falls back to a context of its own choosing. */
export function clusterFlags(place: { readonly context: string; readonly namespace: string }): string[] {
  return ['--kube-context', place.context, '--namespace', place.namespace];
}

/** A chart from a folder of the workspace, a repository (`bitnami/nginx`), or an OCI registry. */
export type ChartSource =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'repo'; readonly repo: string; readonly name: string; readonly version: string | null }
  | { readonly kind: 'oci'; readonly reference: string; readonly host: string; readonly version: string | null };

const repoChart = /^([a-z0-9][a-z0-9._-]*)\/([a-z0-9][a-z0-9._-]*)$/i;

/**
 * What `chart` names. A folder that exists in the workspace wins over the `repo/name` reading of
 * the same text (`charts/web`), as helm itself decides; `localExists` says whether it does.
 */
export function chartSource(chart: string, version: string | undefined, localExists: boolean): ChartSource {
  if (chart.startsWith('oci://')) {
    let host: string;
    try {
      host = new URL(chart.replace(/^oci:/, 'https:')).host;
    } catch {
      throw new Error(`"${chart}" is not a valid OCI reference; write it as oci://REGISTRY/PATH/CHART.`);
    }
    return { kind: 'oci', reference: chart, host, version: version ?? null };
  }
  if (/^https?:\/\//.test(chart)) throw new Error(`"${chart}" is a URL; add its repository with helm.repo.add and name the chart as REPO/CHART, or use an oci:// reference.`);
  if (localExists) {
    if (version) throw new Error(`"${chart}" is a chart folder, whose version is the one in its Chart.yaml; leave out "version" or name a repository chart.`);
    return { kind: 'local', path: chart };
  }
  const match = repoChart.exec(chart);
  if (match) return { kind: 'repo', repo: match[1]!, name: match[2]!, version: version ?? null };
  throw new Error(`There is no chart folder "${chart}" in the workspace, and it is not REPO/CHART or oci://…; create one with helm.create or name a repository chart.`);
}

/** The chart argument and its --version, with the local folder at its absolute path. */
export function chartArgs(source: ChartSource, absolutePath?: string): string[] {
  switch (source.kind) {
    case 'local':
      return [absolutePath ?? source.path];
    case 'repo':
      return [`${source.repo}/${source.name}`, ...(source.version ? ['--version', source.version] : [])];
    case 'oci':
      return [source.reference, ...(source.version ? ['--version', source.version] : [])];
  }
}

/** Values files in order (later ones win), then the file holding `set`, which wins over all, as --set would. */
export function valuesArgs(files: readonly string[], overridesFile: string | null): string[] {
  return [...files, ...(overridesFile ? [overridesFile] : [])].flatMap((file) => ['--values', file]);
}

export const timeoutArgs = (seconds: number): string[] => ['--timeout', `${seconds}s`];

export type SetValue = string | number | boolean | null;

/**
 * `{ "image.tag": "1.2", "a\\.b": 1 }` → `{ image: { tag: "1.2" }, "a.b": 1 }`: the paths of helm's
 * --set, kept as typed values in a YAML file rather than on the command line, where `ps` shows them
 * and commas and quotes change their meaning.
 */
export function setToValues(set: Readonly<Record<string, SetValue>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(set)) {
    if (/\[\d*\]/.test(path)) throw new Error(`"${path}" sets a list item; put lists in a values file instead of "set".`);
    const keys = path.split(/(?<!\\)\./).map((key) => key.replaceAll('\\.', '.'));
    if (keys.some((key) => !key)) throw new Error(`"${path}" is not a values path (write it like image.tag).`);
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (next !== undefined && (typeof next !== 'object' || next === null)) throw new Error(`"${path}" goes inside "${key}", which "set" also gives a value of its own.`);
      node = (node[key] ??= {}) as Record<string, unknown>;
    }
    const last = keys.at(-1)!;
    if (typeof node[last] === 'object' && node[last] !== null) throw new Error(`"${path}" is set both as a value and as a map of values.`);
    node[last] = value;
  }
  return root;
}

/** A release name as helm accepts it: lower-case DNS label, at most 53 characters (helm adds suffixes to reach 63). */
export const releaseName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a release name is lower-case letters, digits and dashes, starting and ending with a letter or digit')
  .max(53)
  .describe('Release name');

export const whereFields = {
  context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
  namespace: z.string().min(1).optional().describe("The release's namespace (default: the context's)"),
};

export const valuesFields = {
  values: z.array(z.string().min(1)).max(20).default([]).describe('Values files in the workspace, in order (later ones win)'),
  set: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}).describe('Overrides by path, like --set: {"image.tag": "1.2", "replicaCount": 2}; they win over the files'),
};
