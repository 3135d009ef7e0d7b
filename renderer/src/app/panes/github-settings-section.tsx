import { type FormEvent, useState } from 'react';
import type { SecretOutcome } from '../../state/secrets-slice';
import { useAppPick, useAppStore } from '../store-context';

// Settings' GitHub section: the token the GitHub family uses, kept in the OS keychain under
// `github-token`. It is pasted here, or imported once from the GitHub CLI (`gh auth token`, run in
// main: the token never reaches this window). The section shows only whether one is stored, and
// the account the doctor signed in as with it.

const TOKEN = 'github-token';

export function GitHubSettingsSection() {
  const secrets = useAppStore((state) => state.secrets);
  const doctor = useAppStore((state) => state.doctor);
  const { importSecret, storeSecret, deleteSecret, runDoctor } = useAppPick('importSecret', 'storeSecret', 'deleteSecret', 'runDoctor');
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SecretOutcome | null>(null);
  const token = secrets?.secrets.find((secret) => secret.name === TOKEN);
  if (!secrets || !token) return null;
  const check = doctor.report?.checks.github as { status?: string; account?: string | null; tokenSource?: string | null; summary?: string } | undefined;

  // After a change the doctor signs in again, so the account shown is the one the token is.
  const act = async (action: () => Promise<SecretOutcome>): Promise<boolean> => {
    setBusy(true);
    const result = await action();
    setOutcome(result);
    if (result.ok) await runDoctor();
    setBusy(false);
    return result.ok;
  };
  const store = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await act(() => storeSecret(TOKEN, pasted))) setPasted('');
  };
  const unavailable = !secrets.keychain.available;
  return (
    <section className="card" data-testid="settings-github" aria-labelledby="settings-github-title">
      <h2 id="settings-github-title">GitHub</h2>
      {unavailable && (
        <p className="error" role="alert">
          No token can be stored. {secrets.keychain.problem}
        </p>
      )}
      <p data-testid="settings-github-status">
        <span className={`badge ${token.stored ? 'ok' : 'missing'}`}>{token.stored ? 'Token stored' : 'No token stored'}</span>{' '}
        <span className="muted">{token.stored ? `in ${secrets.keychain.backend} as ${TOKEN}` : 'GitHub views and tools need one (or GITHUB_TOKEN in the environment).'}</span>
      </p>
      <p className="muted" data-testid="settings-github-account">
        {doctor.status === 'loading' ? 'Signing in…' : check?.account ? `Signed in as ${check.account}${check.tokenSource ? ` (token from ${check.tokenSource})` : ''}.` : (check?.summary ?? 'Run the checks below to see the account.')}
      </p>
      <div className="row">
        {token.importFrom && (
          <button type="button" data-testid="settings-github-import" disabled={busy || unavailable} title={`Runs ${token.importFrom} here, once, and stores what it prints in the keychain`} onClick={() => void act(() => importSecret(TOKEN))}>
            Import from gh
          </button>
        )}
        {token.stored && (
          <button type="button" data-testid="settings-github-remove" disabled={busy} onClick={() => void act(() => deleteSecret(TOKEN))}>
            Remove
          </button>
        )}
      </div>
      <form className="row" onSubmit={(event) => void store(event)}>
        <label>
          Or paste a token{' '}
          <input type="password" autoComplete="off" data-testid="settings-github-token" placeholder={token.stored ? '•••••••• stored in the keychain' : 'ghp_… or github_pat_…'} value={pasted} onChange={(event) => setPasted(event.target.value)} disabled={unavailable} />
        </label>
        <button type="submit" data-testid="settings-github-token-save" disabled={!pasted || busy}>
          Store in keychain
        </button>
      </form>
      {outcome && (
        <p className={outcome.ok ? 'muted' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="settings-github-message">
          {outcome.message}
        </p>
      )}
    </section>
  );
}
