import { stringify } from 'yaml';
import { type Call, runCall, table } from '../tool-call-command';
import type { FamilyCommand } from '../family-command';

type Values = Readonly<Record<string, unknown>>;

/** `--set a.b=1` (repeatable) as the tools' `set`: numbers and booleans typed as helm types them. */
function parseSet(entries: readonly string[]): Record<string, string | number | boolean | null> | string {
  const set: Record<string, string | number | boolean | null> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at < 1) return `--set takes PATH=VALUE (like image.tag=1.2), not "${entry}"`;
    const raw = entry.slice(at + 1);
    set[entry.slice(0, at)] = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return set;
}

const releases = (output: Record<string, unknown>): string => {
  const rows = output.releases as { name: string; namespace: string; revision: number; status: string; chart: string; appVersion: string; updated: string; attention: string | null }[];
  if (!rows.length) return 'No releases.\n';
  return table([['NAME', 'NAMESPACE', 'REVISION', 'STATUS', 'CHART', 'APP VERSION', 'UPDATED'], ...rows.map((row) => [row.name, row.namespace, String(row.revision), row.status, row.chart, row.appVersion, row.updated])]) + rows.flatMap((row) => (row.attention ? [`! ${row.attention}\n`] : [])).join('');
};

const history = (output: Record<string, unknown>): string => {
  const rows = output.revisions as { revision: number; updated: string; status: string; chart: string; appVersion: string; description: string }[];
  return table([['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], ...rows.map((row) => [String(row.revision), row.updated, row.status, row.chart, row.appVersion, row.description])]) + (output.attention ? `! ${output.attention}\n` : '');
};

/** The tool call of `reign helm ACTION …`, or what is wrong with the command line. */
export function helmCall(action: string | undefined, words: readonly string[], values: Values): Call | string {
  const where = { ...(values.context ? { context: values.context } : {}), ...(values.namespace ? { namespace: values.namespace } : {}) };
  const [release, chart] = words;
  const needRelease = (verb: string) => `reign helm ${verb}: name the release.`;
  const revision = values.revision === undefined ? {} : { revision: Number(values.revision) };
  if (values.revision !== undefined && !(Number(values.revision) >= 1)) return '--revision takes a revision number (see reign helm history RELEASE).';
  switch (action) {
    case 'list':
      return { tool: 'helm.list', input: { ...where, ...(values['all-namespaces'] ? { allNamespaces: true } : {}) }, read: true, print: releases };
    case 'history':
      return release ? { tool: 'helm.history', input: { release, ...where }, read: true, print: history } : needRelease('history');
    case 'status':
      return release ? { tool: 'helm.status', input: { release, ...where, ...revision }, read: true, print: (output) => `${output.release} in ${output.namespace}: revision ${output.revision}, ${output.status}, ${output.chart}\n${output.attention ? `! ${output.attention}\n` : ''}${output.notes ? `\n${output.notes}\n` : ''}` } : needRelease('status');
    case 'values':
      return release ? { tool: 'helm.values', input: { release, ...where, ...revision }, read: true, print: (output) => stringify(output.values) } : needRelease('values');
    case 'install':
    case 'upgrade': {
      if (!release || !chart) return `reign helm ${action}: give RELEASE CHART (a chart folder, REPO/NAME, or oci://…).`;
      const set = parseSet((values.set as string[] | undefined) ?? []);
      if (typeof set === 'string') return set;
      const input = { release, chart, ...where, values: (values.values as string[] | undefined) ?? [], set, ...(values['chart-version'] ? { version: values['chart-version'] } : {}) };
      return { tool: `helm.${action}`, input: action === 'install' && values['create-namespace'] ? { ...input, createNamespace: true } : input, read: false };
    }
    case 'rollback':
      if (!release) return needRelease('rollback');
      if (chart !== undefined && !(Number(chart) >= 1)) return `reign helm rollback: the revision is a number (see reign helm history ${release}), not "${chart}".`;
      return { tool: 'helm.rollback', input: { release, ...where, ...(chart ? { revision: Number(chart) } : {}) }, read: false };
    case 'uninstall':
      return release ? { tool: 'helm.uninstall', input: { release, ...where }, read: false } : needRelease('uninstall');
    default:
      return 'reign helm: use list, status, history, values, install, upgrade, rollback or uninstall (see `reign --help`).';
  }
}

/** `reign helm …`: releases from the command line, every change a plan through the policy and the journal. */
export const helmCommandLine: FamilyCommand = {
  name: 'helm',
  usage: `  reign helm list [-A] | status|history|values RELEASE [--revision N]
                                    Releases with chart, app version, revision and status (stuck ones say what to do)
  reign helm install|upgrade RELEASE CHART [--values FILE]... [--set PATH=V]... [--chart-version V] [--create-namespace]
  reign helm rollback RELEASE [REVISION] | uninstall RELEASE
                                    Previews are the API server's dry run of the rendered chart; --context, -n and
                                    --approve as for reign kube (uninstall keeps history, so rollback restores it)
`,
  options: {
    context: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    values: { type: 'string', multiple: true },
    set: { type: 'string', multiple: true },
    'chart-version': { type: 'string' },
    revision: { type: 'string' },
    'create-namespace': { type: 'boolean' },
  },
  run: async (cx, words, values) => {
    const call = helmCall(words[0], words.slice(1), values);
    if (typeof call === 'string') {
      cx.io.stderr(`${call}\n`);
      return 2;
    }
    return runCall(cx, 'helm', call);
  },
};
