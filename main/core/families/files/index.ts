import { defineFamily } from '../family';
import { filesDelete, filesRead, filesWrite } from './file-tools';

export const filesFamily = defineFamily({
  id: 'files',
  title: 'Files in the workspace',
  description: 'Read, write and delete files inside the workspace folder (symlinks included, never outside it); writes and deletes can be undone.',
  tools: [filesWrite, filesRead, filesDelete],
});
