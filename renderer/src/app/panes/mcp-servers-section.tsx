import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { McpConfigProblem, McpServerList, McpServerView } from '../../../../preload/contract';
import { useAppPick, useAppStore } from '../store-context';
import { McpServerForm } from './mcp-server-form';
import './mcp-servers-section.css';

// Settings → MCP servers: the servers whose tools become `mcp.<server>.<tool>`. Main owns the config
// (`mcp-servers.json` in the data folder, checked with the MCP config schema); this section shows
// it, sends entries, and says when a change applies: servers start with Reign, so at the next start.

const STATE_LABEL: Record<McpServerView['state'], { label: string; tone: 'ok' | 'warning' | 'error' | 'missing' }> = {
  connected: { label: 'Connected', tone: 'ok' },
  failed: { label: 'Did not start', tone: 'error' },
  exited: { label: 'Exited', tone: 'error' },
  pending: { label: 'Restart Reign to load it', tone: 'warning' },
  changed: { label: 'Restart Reign to apply', tone: 'warning' },
  removed: { label: 'Removed', tone: 'missing' },
  invalid: { label: 'Invalid entry', tone: 'error' },
  overridden: { label: 'Overridden', tone: 'missing' },
};

export function McpServersSection() {
  const { listMcpServers, saveMcpServer, removeMcpServer } = useAppPick('listMcpServers', 'saveMcpServer', 'removeMcpServer');
  const declared = useAppStore((state) => state.secrets?.secrets);
  const [list, setList] = useState<McpServerList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ original: Record<string, unknown> | null } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = useCallback(async () => {
    try {
      setList(await listMcpServers());
      setLoadError(null);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, [listMcpServers]);
  useEffect(() => void refresh(), [refresh]);

  const save = async (entry: Record<string, unknown>): Promise<McpConfigProblem[]> => {
    const previousName = editing?.original && typeof editing.original.name === 'string' ? editing.original.name : null;
    try {
      const result = await saveMcpServer(previousName, entry);
      setList(result.list);
      if (result.saved) {
        setEditing(null);
        setMessage({ ok: true, text: `Saved "${String(entry.name)}" to ${result.list.file}. MCP servers start with Reign: restart Reign to load it.` });
      }
      return result.problems;
    } catch (error) {
      return [{ field: '(the entry)', message: (error as Error).message }];
    }
  };
  const remove = async (name: string) => {
    try {
      setList(await removeMcpServer(name));
      setMessage({ ok: true, text: `Removed "${name}". It keeps running until Reign restarts.` });
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };
  const keychainNames = (declared ?? []).map((secret) => secret.name);
  const keychain = useAppStore((state) => state.secrets?.keychain);
  const needsKeychain = list?.servers.some((server) => server.state !== 'removed' && server.keychainEntries.length > 0) ?? false;

  return (
    <section className="card" data-testid="settings-mcp-servers" aria-labelledby="settings-mcp-title">
      <h2 id="settings-mcp-title">MCP servers</h2>
      <p className="muted">
        Each server's tools become <code>mcp.&lt;server&gt;.&lt;tool&gt;</code>: every call is a plan step, a write unless you mark the tool read-only. Servers start with Reign, so a change here applies at the next start.
        {list ? (
          <>
            {' '}
            Stored in <code data-testid="mcp-servers-file">{list.file}</code>.
          </>
        ) : null}
      </p>
      {loadError && (
        <p className="error" role="alert">
          Could not list the MCP servers: {loadError}
        </p>
      )}
      {list?.problem && (
        <p className="error" role="alert" data-testid="mcp-servers-problem">
          {list.problem}
        </p>
      )}
      {list && !list.servers.length && <p className="muted" data-testid="mcp-servers-empty">No MCP servers yet.</p>}
      {list && list.servers.length > 0 && (
        <ul className="mcp-server-list">
          {list.servers.map((server) => (
            <ServerRow key={`${server.source}:${server.name}`} server={server} onEdit={() => setEditing({ original: server.config })} onRemove={() => void remove(server.name)} />
          ))}
        </ul>
      )}
      {needsKeychain && keychain && !keychain.available && (
        <p className="muted" data-testid="mcp-servers-keychain">
          No keychain value can be stored now: {keychain.problem}
        </p>
      )}
      {message && (
        <p className={message.ok ? 'muted' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="mcp-servers-message">
          {message.text}
        </p>
      )}
      {editing ? (
        <McpServerForm key={String(editing.original?.name ?? 'new')} original={editing.original} keychainEntries={keychainNames} onSave={save} onCancel={() => setEditing(null)} />
      ) : (
        <button type="button" data-testid="mcp-server-add" onClick={() => {
            setMessage(null);
            setEditing({ original: null });
          }}>
          Add a server
        </button>
      )}
    </section>
  );
}

function ServerRow(props: { readonly server: McpServerView; readonly onEdit: () => void; readonly onRemove: () => void }) {
  const { server } = props;
  const state = STATE_LABEL[server.state];
  const editable = server.source === 'settings' && server.config !== null;
  return (
    <li className="mcp-server" data-testid={`mcp-server-${server.name}`} data-state={server.state}>
      <div className="row">
        <strong>{server.name}</strong>
        <span className="badge missing">{server.kind === 'stdio' ? 'stdio' : 'HTTP'}</span>
        <code className="mcp-server-where">{server.where}</code>
        {server.source === 'environment' && (
          <span className="badge missing" title="From the REIGN_MCP_SERVERS environment variable: change it there" data-testid={`mcp-server-${server.name}-env`}>
            from the environment (read only)
          </span>
        )}
        <span className={`badge ${state.tone}`} data-testid={`mcp-server-${server.name}-state`}>
          {state.label}
        </span>
        {editable && (
          <>
            <button type="button" data-testid={`mcp-server-${server.name}-edit`} onClick={props.onEdit}>
              Edit
            </button>
            <button type="button" data-testid={`mcp-server-${server.name}-remove`} onClick={props.onRemove}>
              Remove
            </button>
          </>
        )}
      </div>
      <pre className={`mcp-server-message ${server.state === 'failed' || server.state === 'exited' || server.state === 'invalid' ? 'error' : 'muted'}`} data-testid={`mcp-server-${server.name}-status`}>
        {server.message}
      </pre>
      {server.problems.map((problem) => (
        <p key={`${problem.field}:${problem.message}`} className="error">
          {problem.field}: {problem.message}
        </p>
      ))}
      {server.state !== 'removed' &&
        server.keychainEntries.map((entry) => (
          <KeychainEntry key={entry} name={entry} />
        ))}
    </li>
  );
}

/** A keychain entry a server names: whether it holds a value, and a field to store one (once Reign knows the entry). */
function KeychainEntry(props: { readonly name: string }) {
  const secrets = useAppStore((state) => state.secrets);
  const { storeSecret } = useAppPick('storeSecret');
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const known = secrets?.secrets.find((secret) => secret.name === props.name);
  if (!secrets) return null;
  if (!known) return <p className="muted">Keychain entry {props.name}: Reign knows it from its next start; store its value here then.</p>;
  const store = async (event: FormEvent) => {
    event.preventDefault();
    const result = await storeSecret(props.name, value);
    setOutcome(result.message);
    if (result.ok) setValue('');
  };
  return (
    <form className="row" onSubmit={(event) => void store(event)}>
      <span className={`badge ${known.stored ? 'ok' : 'missing'}`}>
        {props.name}: {known.stored ? 'stored' : 'not stored'}
      </span>
      <input type="password" autoComplete="off" aria-label={`Value of ${props.name}`} placeholder={known.stored ? '•••••••• stored in the keychain' : 'its value'} value={value} onChange={(event) => setValue(event.target.value)} disabled={!secrets.keychain.available} />
      <button type="submit" disabled={!value}>
        Store in keychain
      </button>
      {outcome && <span className="muted">{outcome}</span>}
    </form>
  );
}
