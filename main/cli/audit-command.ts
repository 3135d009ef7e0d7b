import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/** `reign audit verify` and `reign audit export [--run ID]` (JSON lines). */
export function auditCommand(core: Core, io: CliIo, words: string[], runId: string | undefined): number {
  const [action] = words;
  if (action === 'verify') {
    // verify reports every failure as a result (a dropped table included); it does not throw.
    const result = core.audit.verify();
    const keyed = `keyed by: ${result.keyedBy ?? 'no key available'}`;
    const notes = result.notes.map((note) => `note: ${note}\n`).join('');
    if (result.ok) {
      io.stdout(`audit log intact: ${result.rows} rows, hash chain, head file and run tables verified (${keyed})\n${notes}`);
      return 0;
    }
    const where = result.badSeq === null ? '' : ` (first bad row: ${result.badSeq})`;
    io.stderr(`${result.cause === 'tampered' ? 'audit log tampered' : 'audit log cannot be verified'}: ${result.problem}${where}\n${keyed}\n${notes}`);
    return 1;
  }
  if (action === 'export') {
    for (const entry of core.audit.entries(runId)) io.stdout(`${JSON.stringify(entry)}\n`);
    return 0;
  }
  io.stderr('reign audit: use `reign audit verify` or `reign audit export [--run ID]`.\n');
  return 2;
}
