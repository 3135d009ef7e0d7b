import { defineFamily } from '../family';
import { composeCommandLine } from './compose-command';
import { composeTemplateRender } from './compose-templates';
import { composeDown, composePs, composeUp } from './compose-tools';

export const composeFamily = defineFamily({
  id: 'compose',
  title: 'Docker Compose',
  description: 'Compose projects: deploy one from the workspace (up), take it down, list its containers (ps), render a template (PostgreSQL, Redis, NGINX…) into compose.yaml and .env.',
  dependsOn: ['docker'],
  tools: [composeUp, composeDown, composePs, composeTemplateRender],
  commands: [composeCommandLine],
  presentWhen: (checks) => checks.docker?.status === 'ok',
});
