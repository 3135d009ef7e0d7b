/**
 * Whether a model's text holds a command it seems to want run (a shell code block, a `$ ` prompt
 * line, or a line starting with a well-known CLI). Such text is never executed; the session says so.
 */
export function containsCommand(text: string): boolean {
  if (/```(?:bash|sh|shell|console|zsh|terminal)\s*\n/i.test(text)) return true;
  return /^\s*\$\s+\S+|^\s*(?:sudo|rm|kubectl|docker|helm|terraform|git|curl|wget|chmod|chown|systemctl|dd|mkfs\S*)\s+-{0,2}\w/m.test(text);
}
