import { assess, combine, type RiskAssessment } from '../../risk';

/**
 * What a sed script does besides filtering text: GNU sed's `e` command and `s///e` flag run
 * commands, `w`/`W` and `s///w` write files. Scripts are scanned command by command; a script that
 * cannot be read this way is not trusted to be a pure filter.
 */
export function sedScriptRisk(script: string): RiskAssessment {
  const risks: RiskAssessment[] = [assess('read', 'sed filters text')];
  let i = 0;
  const at = (offset = 0) => script[i + offset] ?? '';
  const toLineEnd = (): string => {
    const end = script.indexOf('\n', i);
    const text = script.slice(i, end < 0 ? undefined : end).trim();
    i = end < 0 ? script.length : end + 1;
    return text;
  };
  /** Reads a delimited part (`/…/`), honouring backslash escapes; returns false if it never ends. */
  const delimited = (delimiter: string): boolean => {
    while (i < script.length && at() !== delimiter) i += at() === '\\' ? 2 : 1;
    if (i >= script.length) return false;
    i += 1;
    return true;
  };
  while (i < script.length) {
    const c = at();
    if (/[\s;{}!]/.test(c)) { i += 1; continue; }
    // Addresses: line numbers, $, /regex/, \cREGEXc, ranges (,), steps (~) and their modifiers.
    if (/[\d$,~+]/.test(c)) { i += 1; continue; }
    if (c === '/') { i += 1; if (!delimited('/')) return unreadable(); while (/[IM]/.test(at())) i += 1; continue; }
    if (c === '\\') { const delimiter = at(1); i += 2; if (!delimited(delimiter)) return unreadable(); continue; }
    i += 1;
    if (c === 's' || c === 'y') {
      const delimiter = at();
      i += 1;
      if (!delimiter || !delimited(delimiter) || !delimited(delimiter)) return unreadable();
      if (c === 'y') continue;
      const flags = /^[gpiImMe\d]*(w\s*.*)?/.exec(script.slice(i))?.[0] ?? '';
      if (flags.includes('e')) risks.push(assess('destructive', 'sed s///e runs the result as a command'));
      const write = /w\s*(.*)/.exec(flags);
      if (write) { i += flags.length; risks.push(assess('write', `sed s///w writes ${write[1]?.split('\n')[0]?.trim() || 'a file'}`)); toLineEnd(); continue; }
      i += flags.length;
      continue;
    }
    if (c === 'e') { const command = toLineEnd().replace(/^;.*/, ''); risks.push(assess('destructive', `sed e runs ${command ? `the command ${command.slice(0, 60)}` : 'the text it reads as a command'}`)); continue; }
    if (c === 'w' || c === 'W') { risks.push(assess('write', `sed ${c} writes ${toLineEnd() || 'a file'}`)); continue; }
    if (/[aic]/.test(c) || c === 'r' || c === 'R') { toLineEnd(); continue; }
    if (/[btT:]/.test(c)) { while (i < script.length && !/[;\n]/.test(at())) i += 1; continue; }
    if (/[qQlL]/.test(c)) { while (/\d/.test(at())) i += 1; continue; }
    if (/[pPdDnNgGhHxz=Fv]/.test(c)) continue;
    return unreadable();
  }
  return combine(risks);
}

const unreadable = (): RiskAssessment => assess('write', 'the sed script could not be read, so it is not treated as a pure filter');
