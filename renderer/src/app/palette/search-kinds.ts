/** How each kind of search result looks: an icon beside its group and each item, and the group's name. */
export const kindIcons: Record<string, string> = {
  command: '›',
  container: '▣',
  image: '◫',
  pod: '⬡',
  deployment: '⧉',
  release: '⎈',
  repository: '⑂',
  run: '↺',
};

const kindGroups: Record<string, string> = {
  command: 'Commands',
  container: 'Containers',
  image: 'Images',
  pod: 'Pods',
  deployment: 'Deployments',
  release: 'Helm releases',
  repository: 'Repositories',
  run: 'Runs',
};

export const kindIcon = (kind: string): string => kindIcons[kind] ?? '•';
export const kindGroup = (kind: string): string => kindGroups[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}s`;
