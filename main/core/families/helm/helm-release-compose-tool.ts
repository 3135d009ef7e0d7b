import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { clusterFlags, releaseName, whereFields } from './helm-args';
import { runHelm } from './helm-exec';
import { composeFromManifest } from './helm-release-compose';

export const helmReleaseToCompose = defineReadTool({
  name: 'helm.release.to-compose',
  description:
    'A local compose setup that mirrors a release: reads its manifest (helm get manifest) and returns compose.yaml text (its Deployments, StatefulSets and DaemonSets as services with image, command, env, ports published on 127.0.0.1, healthchecks from probes) and .env text with an empty line per Secret value (Secret values are never copied; ConfigMap values are), plus what does not map (Ingress, RBAC, PVCs as named volumes…). ' +
    'Write them with files.write steps (compose.yaml, .env), then start them with compose.up.',
  reads: 'reads a release\'s manifest (Secret values are not copied)',
  input: z.object({ release: releaseName, ...whereFields }).strict(),
  output: z.object({ compose: z.string(), env: z.string(), services: z.array(z.string()), secretVariables: z.array(z.string()), unmapped: z.array(z.string()) }),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `helm get manifest ${input.release} → compose.yaml and .env text (Secret values are not copied; nothing is written)` }),
  run: async ({ input, ctx, signal }) => {
    const place = ctx.access(kubeKey).where(input);
    if (place.problem) return toolFailure('KUBERNETES_UNAVAILABLE', place.problem);
    // The manifest holds the release's Secrets: it stays in memory, read for their keys only.
    const manifest = await runHelm(ctx, ['get', 'manifest', input.release, ...clusterFlags(place)], { signal });
    if (!manifest.ok) return manifest.error.code === 'NOT_FOUND' ? toolFailure('NOT_FOUND', `There is no release ${input.release} in ${place.namespace}.`) : manifest;
    let converted: ReturnType<typeof composeFromManifest>;
    try {
      converted = composeFromManifest(manifest.output, input.release);
    } catch (error) {
      return toolFailure('HELM_OUTPUT', `The manifest of ${input.release} could not be read: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!converted.services.length) return toolFailure('NOTHING_TO_RUN', `Release ${input.release} has no Deployment, StatefulSet or DaemonSet, so there is nothing for compose to run. ${converted.unmapped.join('; ')}`);
    return { ok: true, output: converted };
  },
  examples: [{ release: 'web', namespace: 'staging' }],
});
