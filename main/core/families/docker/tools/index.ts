import type { ToolDefinition } from '../../../tools/tool-definition';
import { containerObserveTools } from './container-observe-tools';
import { containerTools } from './container-tools';
import { imageTools } from './image-tools';
import { networkVolumeTools } from './network-volume-tools';
import { dockerPrune } from './prune-tools';
import { volumeBackup, volumeRestore } from './volume-backup-tools';

export const dockerTools: ToolDefinition[] = [...containerTools, ...containerObserveTools, ...imageTools, ...networkVolumeTools, dockerPrune, volumeBackup, volumeRestore];
