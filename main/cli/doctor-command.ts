import type { CheckStatus, DoctorReport } from '../../preload/contract';
import type { DoctorService } from '../core/doctor/doctor-service';
import type { CliIo } from './cli-io';

const marks: Record<CheckStatus, string> = { ok: '✓', warning: '!', missing: '–', error: '✗' };

/** `reign doctor [--json]`. Exits 1 only when something Reign needs (not an optional tool) is broken. */
export async function doctorCommand(doctor: Pick<DoctorService, 'run'>, io: CliIo, json: boolean): Promise<number> {
  const report = await doctor.run();
  if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(formatReport(report));
  // The keychain, and every family check marked required (git).
  const required = [report.checks.keychain, ...Object.values(report.checks).filter((check) => 'required' in check && check.required)];
  return required.some((check) => check.status === 'error') ? 1 : 0;
}

export function formatReport(report: DoctorReport): string {
  const lines = [`Reign ${report.reignVersion} on ${report.platform.os}-${report.platform.arch}, Node ${report.platform.node}`, `Data: ${report.dataDir}`, ''];
  for (const [name, check] of Object.entries(report.checks)) {
    lines.push(`${marks[check.status]} ${name.padEnd(11)} ${check.summary}`);
    if (check.fix) lines.push(`  ${' '.repeat(11)} → ${check.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
