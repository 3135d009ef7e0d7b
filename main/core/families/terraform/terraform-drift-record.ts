import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REIGN_FOLDER } from './terraform-plan-file';
import type { TerraformPlace } from './terraform-place';

// The last drift check of a workspace, kept beside its saved plans so the Resources view can say
// when it was and what drifted, and whether it still describes the state: a check made on another
// serial of the state (an apply since) no longer says anything about it.

/** What one check found: no values (they may be sensitive), only which resources and attributes. */
export interface DriftRecord {
  readonly checkedAt: string;
  /** The state the check compared against: its lineage and serial (null when there was no state). */
  readonly lineage: string | null;
  readonly serial: number | null;
  readonly drifted: readonly { readonly address: string; readonly action: string; readonly attributes: readonly string[] }[];
}

const DRIFT = `${REIGN_FOLDER}/drift`;

/** `.reign/drift/WORKSPACE.json` in the working directory (workspace names are file-safe: see workspaceField). */
export const driftRecordFile = (place: Pick<TerraformPlace, 'dir' | 'workspace'>): string => join(place.dir, DRIFT, `${place.workspace}.json`);

export function writeDriftRecord(place: Pick<TerraformPlace, 'dir' | 'workspace'>, record: DriftRecord): void {
  const file = driftRecordFile(place);
  mkdirSync(join(place.dir, DRIFT), { recursive: true });
  // Whole or not at all: the view may read it at any moment.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The workspace's last check, or null when none was made (or its file is unreadable). */
export function readDriftRecord(place: Pick<TerraformPlace, 'dir' | 'workspace'>): DriftRecord | null {
  try {
    const record = JSON.parse(readFileSync(driftRecordFile(place), 'utf8')) as DriftRecord;
    return typeof record.checkedAt === 'string' && Array.isArray(record.drifted) ? record : null;
  } catch {
    return null;
  }
}
