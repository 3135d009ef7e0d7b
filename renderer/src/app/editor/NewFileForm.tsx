import { type FormEvent, useState } from 'react';

/** Drafts a scratch document by name; the name picks the language and schema (compose.yaml, main.tf…). */
export function NewFileForm({ onCreate }: { onCreate: (fileName: string) => void }) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim()) return;
    onCreate(name.trim());
    setName('');
  };
  return (
    <form className="row" onSubmit={submit} aria-label="New file">
      <input data-testid="editor-new-name" aria-label="New file name" placeholder="compose.yaml, main.tf, .github/workflows/ci.yml…" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit" data-testid="editor-new" disabled={!name.trim()}>
        New file
      </button>
    </form>
  );
}
