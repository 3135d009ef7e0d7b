import { type FormEvent, useState } from 'react';
import type { McpConfigProblem } from '../../../../preload/contract';
import { entryOf, type EnvRow, type FormState, formFrom, row } from './mcp-server-form-entry';

// The add / edit form of Settings → MCP servers. It builds an entry's shape only: main checks it
// with the MCP config schema and answers with problems by field, shown beside the field. A value
// from the keychain is sent as `{ fromKeychain: ENTRY }`, never as text: this window never has it.
// A credential stored plainly in the file (a token, a secret-named env value) arrives as `{ kept: true }`
// and the URL without its user, password and query: sent back unchanged, main keeps the stored ones.

/** Which field a problem belongs beside: `args.2` → `args`, `env.TOKEN.fromKeychain` → `env.TOKEN`, `token.fromKeychain` → `token`. */
function fieldOf(problem: McpConfigProblem): string {
  const [first, second] = problem.field.split('.');
  if (first === 'env' && second) return `env.${second}`;
  return ['name', 'command', 'args', 'url', 'token', 'readOnly', 'env'].includes(first!) ? first! : 'general';
}

export function McpServerForm(props: {
  readonly original: Record<string, unknown> | null;
  /** Keychain entries Reign knows (declared), offered for values from the keychain. */
  readonly keychainEntries: readonly string[];
  readonly onSave: (entry: Record<string, unknown>) => Promise<McpConfigProblem[]>;
  readonly onCancel: () => void;
}) {
  const [form, setForm] = useState<FormState>(() => formFrom(props.original));
  const [problems, setProblems] = useState<McpConfigProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<FormState>) => setForm((current) => ({ ...current, ...patch }));
  const updateRow = (key: number, patch: Partial<EnvRow>) => update({ env: form.env.map((envRow) => (envRow.key === key ? { ...envRow, ...patch } : envRow)) });
  const problemsAt = (field: string) => problems.filter((problem) => fieldOf(problem) === field);
  const beside = (field: string) =>
    problemsAt(field).map((problem) => (
      <span key={`${problem.field}:${problem.message}`} className="error mcp-field-error" role="alert" data-testid={`mcp-server-error-${field}`}>
        {problem.field.includes('.') ? `${problem.field}: ` : ''}
        {problem.message}
      </span>
    ));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(await props.onSave(entryOf(form, props.original)));
    setBusy(false);
  };
  return (
    <form className="mcp-server-form" data-testid="mcp-server-form" onSubmit={(event) => void submit(event)}>
      <h3>{props.original ? `Edit ${String(props.original.name ?? 'server')}` : 'Add an MCP server'}</h3>
      <fieldset className="row">
        <legend>Kind</legend>
        <label>
          <input type="radio" name="mcp-kind" data-testid="mcp-server-kind-stdio" checked={form.kind === 'stdio'} onChange={() => update({ kind: 'stdio' })} /> A program (stdio)
        </label>
        <label>
          <input type="radio" name="mcp-kind" data-testid="mcp-server-kind-http" checked={form.kind === 'http'} onChange={() => update({ kind: 'http' })} /> A URL (streamable HTTP)
        </label>
      </fieldset>
      <label className="mcp-field">
        <span>Name</span>
        <input data-testid="mcp-server-name" value={form.name} placeholder="everything" aria-invalid={problemsAt('name').length > 0} onChange={(event) => update({ name: event.target.value })} />
        <span className="muted">its tools become mcp.{form.name || '<name>'}.&lt;tool&gt;</span>
        {beside('name')}
      </label>
      {form.kind === 'stdio' ? (
        <>
          <label className="mcp-field">
            <span>Command</span>
            <input data-testid="mcp-server-command" value={form.command} placeholder="npx" aria-invalid={problemsAt('command').length > 0} onChange={(event) => update({ command: event.target.value })} />
            {beside('command')}
          </label>
          <label className="mcp-field">
            <span>Arguments</span>
            <textarea data-testid="mcp-server-args" rows={3} value={form.args} placeholder={'one per line, e.g.\n-y\n@modelcontextprotocol/server-everything'} onChange={(event) => update({ args: event.target.value })} />
            {beside('args')}
          </label>
          <div className="mcp-field">
            <span>Environment</span>
            <div className="mcp-env-rows">
              <p className="muted">The server gets PATH, HOME, LANG and these, nothing else of Reign's environment. A value from the keychain is read when the server starts and is stored here only as the entry's name.</p>
              {form.env.map((envRow, index) => (
                <div className="row" key={envRow.key} data-testid={`mcp-server-env-${index}`}>
                  <input aria-label="Variable name" data-testid={`mcp-server-env-${index}-name`} placeholder="API_TOKEN" value={envRow.name} onChange={(event) => updateRow(envRow.key, { name: event.target.value })} />
                  <select aria-label="Where its value comes from" data-testid={`mcp-server-env-${index}-from`} value={envRow.from} onChange={(event) => updateRow(envRow.key, { from: event.target.value as EnvRow['from'], value: '' })}>
                    <option value="value">a value</option>
                    <option value="keychain">the keychain entry</option>
                    {envRow.from === 'kept' ? <option value="kept">the stored value (kept)</option> : null}
                  </select>
                  {envRow.from === 'kept' ? (
                    <input aria-label="Value" data-testid={`mcp-server-env-${index}-value`} value="" placeholder="stored in the file, not shown; kept" disabled />
                  ) : envRow.from === 'keychain' ? (
                    <input aria-label="Keychain entry" list="mcp-keychain-entries" data-testid={`mcp-server-env-${index}-value`} placeholder="entry name, e.g. everything-token" value={envRow.value} onChange={(event) => updateRow(envRow.key, { value: event.target.value })} />
                  ) : (
                    <input aria-label="Value" data-testid={`mcp-server-env-${index}-value`} value={envRow.value} onChange={(event) => updateRow(envRow.key, { value: event.target.value })} />
                  )}
                  <button type="button" onClick={() => update({ env: form.env.filter((other) => other.key !== envRow.key) })}>
                    Remove
                  </button>
                  {beside(`env.${envRow.name.trim()}`)}
                </div>
              ))}
              {beside('env')}
              <button type="button" data-testid="mcp-server-env-add" onClick={() => update({ env: [...form.env, row()] })}>
                Add a variable
              </button>
            </div>
          </div>
        </>
      ) : (
        <>
          <label className="mcp-field">
            <span>URL</span>
            <input data-testid="mcp-server-url" value={form.url} placeholder="https://mcp.example.com/mcp" aria-invalid={problemsAt('url').length > 0} onChange={(event) => update({ url: event.target.value })} />
            <span className="muted">a user, password or query stored with it are not shown, and are kept while the URL stays as shown</span>
            {beside('url')}
          </label>
          <label className="mcp-field">
            <span>Token</span>
            <input list="mcp-keychain-entries" data-testid="mcp-server-token" value={form.tokenEntry} placeholder={form.tokenKept ? 'the token stored in the file is kept (or name a keychain entry)' : 'keychain entry name (none: no token)'} aria-invalid={problemsAt('token').length > 0} onChange={(event) => update({ tokenEntry: event.target.value })} />
            <span className="muted">sent as Authorization: Bearer, from this keychain entry</span>
            {form.tokenKept ? (
              <button type="button" data-testid="mcp-server-token-clear" onClick={() => update({ tokenKept: false })}>
                Remove the stored token
              </button>
            ) : null}
            {beside('token')}
          </label>
        </>
      )}
      <label className="mcp-field">
        <span>Read-only tools</span>
        <input data-testid="mcp-server-readonly" value={form.readOnly} placeholder="echo, get-sum" onChange={(event) => update({ readOnly: event.target.value })} />
        <span className="muted">tools you say only read (the server's own hints never lower a risk)</span>
        {beside('readOnly')}
      </label>
      <datalist id="mcp-keychain-entries">
        {props.keychainEntries.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {problemsAt('general').map((problem) => (
        <p key={`${problem.field}:${problem.message}`} className="error" role="alert" data-testid="mcp-server-error-general">
          {problem.field}: {problem.message}
        </p>
      ))}
      <div className="row">
        <button type="submit" data-testid="mcp-server-save" disabled={busy}>
          Save
        </button>
        <button type="button" data-testid="mcp-server-cancel" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
