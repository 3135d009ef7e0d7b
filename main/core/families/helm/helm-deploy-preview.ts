import type { Preview, ToolContext } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { apiMessage } from '../kubernetes/kube-call';
import { chartLabel, currentRelease, type DeployInput, helmDeploy } from './helm-deploy';
import { deployRefusal, releaseHistory } from './helm-release-state';
import { objectOrder, releaseDocument, serverDiff } from './helm-server-diff';
import { maskValues, valuesChanges } from './helm-values';

const text = (value: string): Preview => ({ kind: 'text', text: value });

/**
 * The preview of an install or upgrade: helm renders the chart against the server (dry run), the
 * API server dry-runs a server-side apply of every rendered object, and the result is diffed
 * against the release's live objects, with the chart version and the user values' changes at the
 * top. A refusal by helm or by the server is the preview, so it is seen before approval.
 */
export async function deployPreview(ctx: ToolContext, verb: 'install' | 'upgrade', input: DeployInput & { context?: string; namespace?: string }): Promise<Preview> {
  const access = ctx.access(kubeKey);
  const place = access.where(input);
  if (place.problem) return text(`Cannot preview helm ${verb} ${input.release}: ${place.problem}`);
  const history = await releaseHistory(ctx, place, input.release);
  if (!history.ok) return text(`Cannot read release ${input.release} in ${place.namespace}: ${history.error.message}`);
  const refusal = deployRefusal(verb, input.release, place.namespace, history.output);
  if (refusal) return text(`The step would be refused: ${refusal}`);

  const current = verb === 'upgrade' ? await currentRelease(ctx, place, input.release) : null;
  if (current && !current.ok) return text(`Cannot read release ${input.release}: ${current.error.message}`);
  const before = current?.ok ? current.output : null;
  const dry = await helmDeploy(ctx, verb, input, place, { dryRun: true });
  if (!dry.ok) return text(`helm could not render ${input.chart} for release ${input.release}, so the step would fail: ${dry.error.message}`);
  const meta = dry.output.chart?.metadata ?? {};
  const newChart = chartLabel(meta.name, meta.version, meta.appVersion);
  const oldChart = before ? chartLabel(before.chart, before.chartVersion, before.appVersion) : null;
  const changes = before ? valuesChanges(before.values, dry.output.config) : [];
  const hooks = dry.output.hooks ?? [];
  const header = [
    verb === 'install'
      ? `helm install ${input.release} into ${place.context}/${place.namespace} — server-side dry run, nothing changed yet`
      : `helm upgrade ${input.release} in ${place.context}/${place.namespace}: revision ${before!.revision} → ${dry.output.version} — server-side dry run, nothing changed yet`,
    oldChart ? `Chart: ${oldChart === newChart ? `${newChart} (unchanged)` : `${oldChart} → ${newChart}`}` : `Chart: ${newChart}`,
    ...(before ? [changes.length ? `Values changed: ${changes.join('; ')}` : 'Values: unchanged'] : []),
    ...(hooks.length ? [`Hooks that run too (not shown): ${hooks.map((hook) => `${(hook.events ?? []).join(',')} ${hook.kind}/${hook.name}`).join(', ')}`] : []),
    input.rollbackOnFailure ? `If it fails or is not ready within ${input.timeoutSeconds}s, helm rolls it back (--atomic).` : 'helm does not wait for readiness (rollbackOnFailure is off).',
    verb === 'install' ? 'Undo uninstalls the release.' : `Undo rolls the release back to revision ${before!.revision}.`,
  ];

  let namespaceExists = true;
  try {
    const clients = await access.clients(place.context);
    namespaceExists = await clients.core.readNamespace({ name: place.namespace }).then(
      () => true,
      (error: { code?: number }) => (error.code === 404 ? false : Promise.reject(error)),
    );
    if (!namespaceExists && !input.createNamespace) return text(`${header.join('\n')}\n\nNamespace ${place.namespace} does not exist, so the step would fail; create it first, or set createNamespace.`);
    if (!namespaceExists) header.push(`Namespace ${place.namespace} is created first; the server checks its objects only then.`);
    const diff = await serverDiff(clients, input.release, place.namespace, dry.output.manifest ?? '', before?.manifest ?? null, namespaceExists);
    if (diff.refusals.length) return text(`${header.join('\n')}\n\nThe API server refused the rendered objects in a server-side dry run, so the step would fail (nothing was changed):\n${diff.refusals.map((line) => `  ${line}`).join('\n')}`);
    if (diff.foreign.length) return text(`${header.join('\n')}\n\nhelm would refuse to take over objects that are not this release's:\n${diff.foreign.map((line) => `  ${line}`).join('\n')}\nRename them in the chart's values, or delete them first.`);
    const order = objectOrder(diff);
    return {
      kind: 'file',
      path: `release ${input.release} (${oldChart && oldChart !== newChart ? `${oldChart} → ${newChart}` : newChart}).yaml`,
      before: before ? releaseDocument(header, maskValues(before.values), diff.before, order) : null,
      after: releaseDocument(header, maskValues(dry.output.config), diff.after, order),
    };
  } catch (error) {
    return text(`${header.join('\n')}\n\nCannot compare with the cluster: ${apiMessage(error)}`);
  }
}
