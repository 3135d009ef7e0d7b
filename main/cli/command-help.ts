/**
 * `reign COMMAND --help`: the lines of the full help about that command (its usage lines and the
 * indented option lines under them), so the hint printed after a wrong option leads somewhere short.
 * Null when the help has no line for it.
 */
export function commandHelp(fullHelp: string, command: string): string | null {
  const lines = fullHelp.split('\n');
  const picked: string[] = [];
  let inCommand = false;
  for (const line of lines) {
    if (/^ {2}reign /.test(line)) inCommand = line.startsWith(`  reign ${command} `) || line === `  reign ${command}`;
    else if (!/^ {4,}\S/.test(line)) inCommand = false;
    if (inCommand) picked.push(line);
  }
  if (!picked.length) return null;
  return `Usage:\n${picked.join('\n')}\n\nEvery command: reign --help\n`;
}
