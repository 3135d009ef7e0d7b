import { binaryProbe } from '../../doctor/probes/binary-probe';
import { defineFamily } from '../family';
import { helmBinary } from './helm-binary';
import { helmCommandLine } from './helm-command';
import { helmChartTools } from './helm-chart-tools';
import { helmCreate } from './helm-create-tool';
import { helmInstall, helmUpgrade } from './helm-deploy-tools';
import { helmChartFromCompose } from './helm-from-compose-tool';
import { helmReleaseReadTools } from './helm-read-tools';
import { helmReleaseToCompose } from './helm-release-compose-tool';
import { helmReleaseTools } from './helm-release-tools';
import { helmRepoTools } from './helm-repo-tools';
import { helmViews } from './helm-views';
import { helmSearchables } from './helm-searchables';

/**
 * Helm releases on the clusters of the kubeconfig, through the helm binary on PATH. Builds on the
 * Kubernetes family: the same contexts, namespaces and targets, and its API client for previews.
 */
export const helmFamily = defineFamily({
  id: 'helm',
  title: 'Helm',
  description: 'Helm charts and releases: create a chart from a template or convert a compose project into one, mirror a release as a compose setup, lint and render a chart, install, upgrade, roll back and uninstall releases (previews are the API server\'s dry run), chart repositories.',
  dependsOn: ['kubernetes', 'compose'],
  tools: [...helmReleaseReadTools, ...helmChartTools, helmCreate, helmChartFromCompose, helmReleaseToCompose, helmInstall, helmUpgrade, ...helmReleaseTools, ...helmRepoTools],
  essential: ['helm.list', 'helm.status', 'helm.history', 'helm.values', 'helm.install', 'helm.upgrade', 'helm.rollback', 'helm.uninstall'],
  views: helmViews,
  searchables: helmSearchables,
  probes: [binaryProbe(helmBinary)],
  commands: [helmCommandLine],
  presentWhen: (checks) => checks.helm?.status === 'ok' && checks.kubernetes?.status === 'ok',
});
