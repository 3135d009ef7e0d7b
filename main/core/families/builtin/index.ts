import type { ToolDefinition } from '../../tools/tool-definition';
import { filesDelete, filesRead, filesWrite } from './file-tools';
import { httpCheck } from './http-check-tool';
import { shellExec } from './shell-exec-tool';

export const builtinTools: ToolDefinition[] = [shellExec, filesWrite, filesRead, filesDelete, httpCheck];
