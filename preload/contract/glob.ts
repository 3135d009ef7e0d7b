/** The glob syntax of policy rules (`docker.*`, `kubernetes:prod-*`): `*` any run of characters, `?` one. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}
