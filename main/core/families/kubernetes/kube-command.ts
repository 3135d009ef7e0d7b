import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import type { FamilyCommand } from '../family-command';
import { type Call, runCall, table } from '../tool-call-command';

type Values = Readonly<Record<string, unknown>>;
const usageLine = 'reign kube get|describe|events|logs|apply|delete|scale|rollout … (see `reign --help`)';

/** `kind/name` or `kind name`, as kubectl takes them. */
function kindAndName(words: readonly string[]): { kind: string; name: string | undefined } | null {
  const [first, second] = words;
  if (!first) return null;
  const slash = first.indexOf('/');
  return slash > 0 ? { kind: first.slice(0, slash), name: first.slice(slash + 1) || undefined } : { kind: first, name: second };
}

const lines = (text: unknown): string => (typeof text !== 'string' || !text ? '' : text.endsWith('\n') ? text : `${text}\n`);

function history(output: Record<string, unknown>): string {
  const revisions = output.revisions as { revision: number; changeCause: string | null; images: string[] }[];
  if (!revisions.length) return 'No revisions.\n';
  return table([['REVISION', 'CHANGE-CAUSE', 'IMAGES'], ...revisions.map((entry) => [`${entry.revision}${entry.revision === output.current ? ' (current)' : ''}`, entry.changeCause ?? '<none>', entry.images.join(', ')])]);
}

/** The tool call of `reign kube ACTION …`, or what is wrong with the command line. */
export function kubeCall(action: string | undefined, words: readonly string[], values: Values): Call | string {
  const where = { ...(values.context ? { context: values.context } : {}), ...(values.namespace ? { namespace: values.namespace } : {}) };
  const named = kindAndName(words);
  const needName = (verb: string): string => `reign kube ${verb}: name the object, as KIND NAME or KIND/NAME (e.g. deploy/web).`;
  switch (action) {
    case 'get': {
      if (!named) return 'reign kube get: name a kind (pods, deploy, svc, a CRD kind…), optionally a name.';
      if (named.name) return { tool: 'kubernetes.get', input: { kind: named.kind, name: named.name, ...where }, read: true, print: (output) => stringify(output.object) };
      return {
        tool: 'kubernetes.list',
        input: { kind: named.kind, ...where, ...(values['all-namespaces'] ? { allNamespaces: true } : {}), ...(values.selector ? { labelSelector: values.selector } : {}) },
        read: true,
        print: (output) => {
          const items = output.items as { name: string; namespace: string | null; status: string }[];
          if (!items.length) return `No ${named.kind} found.\n`;
          const wide = items.some((item) => item.namespace) && values['all-namespaces'];
          return table([wide ? ['NAMESPACE', 'NAME', 'STATUS'] : ['NAME', 'STATUS'], ...items.map((item) => (wide ? [item.namespace ?? '', item.name, item.status] : [item.name, item.status]))]);
        },
      };
    }
    case 'describe':
      if (!named?.name) return needName('describe');
      return { tool: 'kubernetes.describe', input: { kind: named.kind, name: named.name, ...where }, read: true, print: (output) => lines(output.text) };
    case 'events':
      return {
        tool: 'kubernetes.events',
        input: { ...where, ...(words[0] ? { name: words[0] } : {}) },
        read: true,
        print: (output) => {
          const events = output.events as { type: string; reason: string; object: string; message: string }[];
          return events.length ? table([['TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...events.map((event) => [event.type, event.reason, event.object, event.message])]) : 'No events.\n';
        },
      };
    case 'logs': {
      if (!named) return 'reign kube logs: name a pod (or deploy/NAME, job/NAME).';
      const target = named.name ? { kind: named.kind, name: named.name } : { name: named.kind };
      const input = { ...target, ...where, ...(values.container ? { container: values.container } : {}), ...(values.previous ? { previous: true } : {}), ...(values.tail ? { tailLines: Number(values.tail) } : {}) };
      // Following streams into the terminal as a step's output until Ctrl-C.
      return values.follow ? { tool: 'kubernetes.logs', input: { ...input, follow: true }, read: false } : { tool: 'kubernetes.logs', input, read: true, print: (output) => lines(output.text) };
    }
    case 'apply': {
      const files = (values.file as string[] | undefined) ?? [];
      if (!files.length) return 'reign kube apply: give the manifest with -f FILE (repeatable).';
      return { tool: 'kubernetes.apply', input: { manifest: files.map((file) => readFileSync(resolve(file), 'utf8')).join('\n---\n'), ...(values['force-conflicts'] ? { force: true } : {}), ...where }, read: false };
    }
    case 'delete':
      if (!named?.name) return needName('delete');
      return { tool: 'kubernetes.delete', input: { kind: named.kind, name: named.name, ...where }, read: false };
    case 'scale': {
      if (!named?.name) return needName('scale');
      const replicas = Number(values.replicas);
      if (values.replicas === undefined || !Number.isInteger(replicas) || replicas < 0) return 'reign kube scale: give --replicas N (a whole number, 0 or more).';
      return { tool: 'kubernetes.scale', input: { kind: named.kind, name: named.name, replicas, ...where }, read: false };
    }
    case 'rollout': {
      const [verb, ...rest] = words;
      const workload = kindAndName(rest);
      if (!verb || !['status', 'restart', 'undo', 'history'].includes(verb)) return 'reign kube rollout: use status, restart, undo or history, then KIND/NAME.';
      if (!workload?.name) return needName(`rollout ${verb}`);
      const input = { kind: workload.kind, name: workload.name, ...where };
      if (verb === 'status') return { tool: 'kubernetes.rollout.status', input: { ...input, waitMs: 120_000 }, read: true, print: (output) => lines(output.summary) };
      if (verb === 'history') return { tool: 'kubernetes.rollout.history', input, read: true, print: history };
      // Undo is a Deployment's (kubectl's too); its revision is one of `rollout history`'s.
      if (verb === 'undo') return { tool: 'kubernetes.rollout.undo', input: { name: workload.name, ...where, ...(values['to-revision'] ? { toRevision: Number(values['to-revision']) } : {}) }, read: false };
      return { tool: 'kubernetes.rollout.restart', input, read: false };
    }
    default:
      return `reign kube: use ${usageLine}.`;
  }
}

/** `reign kube …`: the cluster from the command line, every change a plan through the policy and the journal. */
export const kubeCommandLine: FamilyCommand = {
  name: 'kube',
  usage: `  reign kube get KIND [NAME] [-A] [-l SELECTOR]    Objects of a kind (a table; one object as YAML), any CRD too
  reign kube describe|events|logs KIND/NAME          An object with its events; events; a pod's logs (--container C,
                                    --tail N, --previous; --follow streams until Ctrl-C)
  reign kube apply -f FILE... [--force-conflicts] | delete KIND/NAME | scale KIND/NAME --replicas N
  reign kube rollout status|restart|undo|history KIND/NAME [--to-revision N]
                                    Each takes --context C and -n NAMESPACE (default: the kubeconfig's; Reign never
                                    changes it); changes run as plans with --approve, --confirm, --json like plan run
`,
  options: {
    context: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    selector: { type: 'string', short: 'l' },
    file: { type: 'string', short: 'f', multiple: true },
    replicas: { type: 'string' },
    container: { type: 'string', short: 'c' },
    tail: { type: 'string' },
    previous: { type: 'boolean' },
    follow: { type: 'boolean' },
    'to-revision': { type: 'string' },
    'force-conflicts': { type: 'boolean' },
  },
  run: async (cx, words, values) => {
    let call: Call | string;
    try {
      call = kubeCall(words[0], words.slice(1), values);
    } catch (error) {
      cx.io.stderr(`reign kube: ${(error as Error).message}\n`);
      return 2;
    }
    if (typeof call === 'string') {
      cx.io.stderr(`${call}\n`);
      return 2;
    }
    return runCall(cx, 'kube', call);
  },
};
