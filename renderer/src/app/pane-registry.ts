import type { PaneId } from '../state/navigation-slice';

export interface PaneInfo {
  readonly id: PaneId;
  readonly label: string;
  readonly icon: string;
  readonly purpose: string;
}

export const panes: readonly PaneInfo[] = [
  { id: 'home', label: 'Dashboard', icon: '⌂', purpose: 'The health of every engine, cluster, Terraform workspace and repository, and the runs that finished or failed lately.' },
  { id: 'chat', label: 'Chat', icon: '»', purpose: 'Ask the agent; it looks at your infrastructure and proposes a plan.' },
  { id: 'plan', label: 'Plan', icon: '◇', purpose: 'The proposed plan as a graph of steps with risk, target and preview, to approve step by step.' },
  { id: 'editor', label: 'Editor', icon: '✎', purpose: 'Generated compose files, manifests, charts, HCL and workflows, to edit before they are used.' },
  { id: 'terminals', label: 'Terminals', icon: '▤', purpose: 'Your shell and each running step\'s output.' },
  { id: 'resources', label: 'Resources', icon: '▣', purpose: 'Containers, images, networks and volumes with live status.' },
  { id: 'history', label: 'History', icon: '↺', purpose: 'Past runs with their steps, approvals and output, from the audit log.' },
  { id: 'settings', label: 'Settings', icon: '⚙', purpose: 'Appearance, model providers and what Reign found on this machine.' },
];
