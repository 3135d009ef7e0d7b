/** A LabelSelector as the API writes it (Deployment.spec.selector, PodDisruptionBudget.spec.selector). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The selector as a `labelSelector` query (`app=web,tier in (a,b)`), so a list asks the server for the matching objects only. */
export function selectorQuery(selector: LabelSelector | undefined): string {
  const labels = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  const expressions = (selector?.matchExpressions ?? []).map(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return `${key} in (${values.join(',')})`;
      case 'NotIn':
        return `${key} notin (${values.join(',')})`;
      case 'Exists':
        return key;
      default:
        return `!${key}`;
    }
  });
  return [...labels, ...expressions].join(',');
}

/** Whether labels meet a selector; an empty selector matches everything, an absent one nothing (as a PodDisruptionBudget reads it). */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  return (
    Object.entries(selector.matchLabels ?? {}).every(([key, value]) => have[key] === value) &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'In':
          return key in have && values.includes(have[key]!);
        case 'NotIn':
          return !(key in have) || !values.includes(have[key]!);
        case 'Exists':
          return key in have;
        case 'DoesNotExist':
          return !(key in have);
        default:
          return false;
      }
    })
  );
}
