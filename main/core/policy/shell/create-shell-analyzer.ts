import { createBashParser } from './bash-parser';
import { ShellAnalyzer } from './shell-analyzer';
import type { Table } from './verbs/classifier';
import { verbTable } from './verbs';

/**
 * A shell analyzer that knows the families' CLIs: pass every registered family's verb table (the
 * Docker family's `docker`, Kubernetes' `kubectl`…). There is no default, so no caller can forget them.
 */
export async function createShellAnalyzer(familyTables: readonly Table[]): Promise<ShellAnalyzer> {
  return new ShellAnalyzer(await createBashParser(), verbTable(familyTables));
}
