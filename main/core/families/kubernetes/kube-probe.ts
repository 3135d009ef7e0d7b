import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import type { CheckStatus } from '../../../../preload/contract';

/** `checks.kubernetes` of `reign doctor --json` (fields documented in the README). */
export type KubernetesCheck = {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly fix: string | null;
  readonly kubeconfigPaths: string[];
  readonly currentContext: string | null;
  readonly contexts: { name: string; cluster: string | null; namespace: string | null }[];
};

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name?: string; context?: { cluster?: string; namespace?: string } }[];
}

/** Reads the kubeconfig the way kubectl does: KUBECONFIG (a path list, merged in order) or ~/.kube/config. */
export function probeKubernetes(env: NodeJS.ProcessEnv = process.env): KubernetesCheck {
  const paths = env.KUBECONFIG
    ? env.KUBECONFIG.split(delimiter).filter(Boolean)
    : [join(env.HOME || homedir(), '.kube', 'config')];
  const present = paths.filter((path) => existsSync(path));
  const base = { kubeconfigPaths: present, currentContext: null, contexts: [] };
  if (present.length === 0) {
    return {
      ...base,
      status: 'missing',
      summary: `No kubeconfig found (looked at ${paths.join(', ')})`,
      fix: 'Kubernetes is optional. To use it, get a kubeconfig from your cluster (or start kind/minikube/k3d) and put it at ~/.kube/config or set KUBECONFIG.',
    };
  }

  let currentContext: string | null = null;
  const contexts = new Map<string, KubernetesCheck['contexts'][number]>();
  for (const path of present) {
    let config: KubeconfigFile;
    try {
      config = (parse(readFileSync(path, 'utf8')) ?? {}) as KubeconfigFile;
    } catch (error) {
      return { ...base, status: 'error', summary: `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, fix: `Repair ${path} or remove it from KUBECONFIG.` };
    }
    // As kubectl merges: the first file to set a value wins.
    currentContext ??= config['current-context'] || null;
    for (const entry of config.contexts ?? []) {
      if (entry?.name && !contexts.has(entry.name)) {
        contexts.set(entry.name, { name: entry.name, cluster: entry.context?.cluster ?? null, namespace: entry.context?.namespace ?? null });
      }
    }
  }
  const list = [...contexts.values()];
  if (list.length === 0) {
    return { ...base, currentContext, status: 'warning', summary: 'The kubeconfig has no contexts', fix: 'Add a context with `kubectl config set-context`.' };
  }
  if (currentContext && !contexts.has(currentContext)) {
    return { ...base, currentContext, contexts: list, status: 'warning', summary: `current-context "${currentContext}" is not among the contexts`, fix: 'Pick one with `kubectl config use-context NAME`.' };
  }
  return {
    ...base,
    currentContext,
    contexts: list,
    status: currentContext ? 'ok' : 'warning',
    summary: currentContext ? `Context ${currentContext} (${list.length} context${list.length === 1 ? '' : 's'} in kubeconfig)` : `${list.length} contexts, none selected`,
    fix: currentContext ? null : 'Pick one with `kubectl config use-context NAME`.',
  };
}
