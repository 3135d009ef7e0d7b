/** The last part of a path (`stack/compose.yaml` → `compose.yaml`, `/bin/bash` → `bash`), whatever the separator. */
export const fileBaseName = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path;
