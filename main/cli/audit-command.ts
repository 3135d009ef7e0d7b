import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/** `reign audit verify` and `reign audit export [--run ID]` (JSON lines). */
export function auditCommand(core: Core, io: CliIo, words: string[], runId: string | undefined): number {
  const [action] = words;
  if (action === 'verify') {
    const result = core.audit.verify();
    if (result.ok) {
      io.stdout(`audit log intact: ${result.rows} rows, hash chain verified\n`);
      return 0;
    }
    io.stderr(`audit log tampered: ${result.problem} (first bad row: ${result.badSeq})\n`);
    return 1;
  }
  if (action === 'export') {
    for (const entry of core.audit.entries(runId)) io.stdout(`${JSON.stringify(entry)}\n`);
    return 0;
  }
  io.stderr('reign audit: use `reign audit verify` or `reign audit export [--run ID]`.\n');
  return 2;
}
