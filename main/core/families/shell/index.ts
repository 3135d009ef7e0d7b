import { binaryProbe } from '../../doctor/probes/binary-probe';
import { defineFamily } from '../family';
import { gitBinary } from './git-binary';
import { shellExec } from './shell-exec-tool';

export const shellFamily = defineFamily({
  id: 'shell',
  title: 'Shell commands',
  description: 'Run a command in the workspace; its risk comes from parsing the command (tree-sitter-bash and verb tables), never from the model.',
  tools: [shellExec],
  probes: [binaryProbe(gitBinary)],
});
