import type { ChatEntry } from '../../state/chat-transcript';

const LIMIT = 4_000;
const bounded = (text: string): string => (text.length > LIMIT ? `${text.slice(0, LIMIT)}\n… ${text.length - LIMIT} more characters` : text);

/** A tool the agent called, collapsed to one line; its input and output open on demand, size-bounded. */
export function ToolCard({ entry }: { entry: Extract<ChatEntry, { kind: 'tool' }> }) {
  const state = entry.result === null ? 'running' : entry.isError ? 'error' : 'done';
  return (
    <details className={`tool-card ${state}`} data-testid="chat-tool-card" data-tool={entry.name} data-state={state}>
      <summary>
        <span className="tool-name">{entry.name}</span> <span className="muted">{state === 'running' ? '…' : state === 'error' ? 'did not run / failed' : 'done'}</span>
      </summary>
      <h3>Input</h3>
      <pre>{bounded(JSON.stringify(entry.arguments ?? {}, null, 2))}</pre>
      {entry.result !== null && (
        <>
          <h3>Output</h3>
          <pre>{bounded(entry.result)}</pre>
        </>
      )}
    </details>
  );
}
