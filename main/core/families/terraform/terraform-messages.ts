/** One line of terraform's machine-readable UI (`plan -json`, `apply -json`, `validate -json` diagnostics). */
export interface UiMessage {
  readonly '@level': string;
  readonly '@message': string;
  readonly type: string;
  readonly diagnostic?: Diagnostic;
  readonly hook?: { readonly resource?: { readonly addr: string }; readonly action?: string };
  readonly changes?: { readonly add: number; readonly change: number; readonly import?: number; readonly remove: number; readonly operation: string };
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number; readonly column: number } };
  readonly snippet?: { readonly code?: string };
}

export function parseJsonLines(stdout: string): UiMessage[] {
  const messages: UiMessage[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      messages.push(JSON.parse(line) as UiMessage);
    } catch {
      // A line cut by the output limit.
    }
  }
  return messages;
}

/** Streams the human messages of JSON UI lines as they arrive (chunks split lines anywhere). */
export function jsonLineMessages(emit: (text: string) => void): { push(chunk: string): void; flush(): void } {
  let pending = '';
  const emitLines = (lines: string[]): void => {
    const text = parseJsonLines(lines.join('\n'))
      .filter((message) => message.type !== 'version')
      .map((message) => `${message['@message']}\n`)
      .join('');
    if (text) emit(text);
  };
  return {
    push(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      emitLines(lines);
    },
    flush() {
      if (pending) emitLines([pending]);
      pending = '';
    },
  };
}

/** "main.tf:3: Unsupported argument: An argument named "bogus" is not expected here." */
export function diagnosticText(diagnostic: Diagnostic): string {
  const detail = diagnostic.detail?.trim().split('\n\n')[0]?.replace(/\s*\n\s*/g, ' ');
  const where = diagnostic.range ? `${diagnostic.range.filename}:${diagnostic.range.start.line}: ` : '';
  return `${where}${diagnostic.summary}${detail ? `: ${detail}` : ''}`;
}

/**
 * What went wrong, in terraform's words: the error diagnostics of JSON output, else the
 * "Error: summary" blocks it prints on stderr (summary and the first paragraph after it).
 */
export function terraformError(stdout: string, stderr: string): string | null {
  const diagnostics = parseJsonLines(stdout).flatMap((message) => (message.type === 'diagnostic' && message.diagnostic?.severity === 'error' ? [diagnosticText(message.diagnostic)] : []));
  if (diagnostics.length) return diagnostics.join('; ');
  const blocks = humanErrors(stderr);
  if (blocks.length) return blocks.join('; ');
  return stderr.trim().split('\n').at(-1)?.trim() || null;
}

function humanErrors(stderr: string): string[] {
  // Without -no-color (a terraform that ignores it) the blocks are framed by box characters.
  const lines = stderr.split('\n').map((line) => line.replace(/^[╷│╵]\s?/, '').trimEnd());
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^Error: (.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    let j = i + 1;
    const detail: string[] = [];
    // The block runs to the next diagnostic: where it is ("on main.tf line 3"), then why.
    while (j < lines.length && !/^(Error|Warning): /.test(lines[j]!)) {
      if (lines[j]!.trim()) detail.push(lines[j]!.trim());
      j++;
    }
    const text = detail.length ? `${match[1]}: ${detail.join(' ')}` : match[1]!;
    errors.push(text.length > 800 ? `${text.slice(0, 800)}…` : text);
    i = j - 1;
  }
  return errors;
}
