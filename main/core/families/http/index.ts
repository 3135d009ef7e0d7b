import { defineFamily } from '../family';
import { httpCheck } from './http-check-tool';

export const httpFamily = defineFamily({
  id: 'http',
  title: 'HTTP checks',
  description: 'Check that a URL answers with the expected status, with retries: health checks after a deploy.',
  tools: [httpCheck],
});
