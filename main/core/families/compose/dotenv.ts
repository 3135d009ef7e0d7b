import { interpolate } from './interpolate';

/** Parses a .env file as Compose does: KEY=VALUE lines, optional `export`, quotes, comments, and $VAR references to earlier keys. */
export function parseDotenv(text: string, env: Readonly<Record<string, string | undefined>>, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*([\s\S]*))?$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: "${line}" is not KEY=VALUE`);
    const [, key, raw = ''] = match;
    let value: string;
    if (raw.startsWith("'")) {
      value = raw.slice(1, raw.lastIndexOf("'") > 0 ? raw.lastIndexOf("'") : undefined);
    } else if (raw.startsWith('"')) {
      let body = raw.slice(1);
      // A double-quoted value may go on over several lines.
      while (!/(^|[^\\])"\s*(#.*)?$/.test(body) && index + 1 < lines.length) body += `\n${lines[++index]}`;
      body = body.slice(0, body.lastIndexOf('"'));
      value = interpolate(body.replace(/\\n/g, '\n').replace(/\\"/g, '"'), { ...env, ...values }, `${file}:${key}`);
    } else {
      value = interpolate(raw.replace(/\s+#.*$/, '').trim(), { ...env, ...values }, `${file}:${key}`);
    }
    values[key!] = value;
  }
  return values;
}
