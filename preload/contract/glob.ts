/** The glob syntax of policy rules (`docker.*`, `kubernetes:prod-*`): `*` any run of characters, `?` one. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/**
 * Whether some text matches both patterns (`kubernetes:*` and `kubernetes:prod-*` do; `docker:*`
 * and `kubernetes:*` do not): how a new rule's target is checked against the production targets.
 */
export function globsOverlap(a: string, b: string): boolean {
  const seen = new Map<number, boolean>();
  const overlap = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = seen.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    // A `*` matches nothing, or takes one more character of what the other pattern matches.
    else if (a[i] === '*') result = overlap(i + 1, j) || (j < b.length && overlap(i, j + 1));
    else if (b[j] === '*') result = overlap(i, j + 1) || (i < a.length && overlap(i + 1, j));
    else if (i === a.length || j === b.length) result = false;
    else result = (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && overlap(i + 1, j + 1);
    seen.set(key, result);
    return result;
  };
  return overlap(0, 0);
}
