import type { ToolDefinition } from '../../tools/tool-definition';
import { containerTools } from './container-tools';
import { imageTools } from './image-tools';
import { networkVolumeTools } from './network-volume-tools';

export const dockerTools: ToolDefinition[] = [...containerTools, ...imageTools, ...networkVolumeTools];
