import { defineFamily } from '../family';
import { composeTemplateRender } from './compose-templates';

export const composeFamily = defineFamily({
  id: 'compose',
  title: 'Docker Compose',
  description: 'Compose projects: render a template (PostgreSQL, Redis, NGINX…) into compose.yaml and .env.',
  dependsOn: ['docker'],
  tools: [composeTemplateRender],
  presentWhen: (checks) => checks.docker?.status === 'ok',
});
