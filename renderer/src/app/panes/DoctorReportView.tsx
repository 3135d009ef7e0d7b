import type { CheckStatus } from '../../../../preload/contract';
import { useAppStore } from '../store-context';

const statusLabel: Record<CheckStatus, string> = { ok: 'OK', warning: 'Warning', missing: 'Missing', error: 'Problem' };

/** The doctor report as a table of checks, each with what to do when it is not OK. */
export function DoctorReportView() {
  const doctor = useAppStore((state) => state.doctor);
  const runDoctor = useAppStore((state) => state.runDoctor);
  const report = doctor.report;
  return (
    <div data-testid="doctor-report">
      <div className="row">
        <button type="button" data-testid="doctor-rerun" onClick={() => void runDoctor()} disabled={doctor.status === 'loading'}>
          {doctor.status === 'loading' ? 'Checking…' : 'Run checks again'}
        </button>
        {report && <span className="muted">Checked {new Date(report.generatedAt).toLocaleTimeString()} · data in {report.dataDir}</span>}
      </div>
      {doctor.error && (
        <p className="error" role="alert" data-testid="doctor-error">
          The checks could not run: {doctor.error}
        </p>
      )}
      {report && (
        <table className="checks">
          <tbody>
            {Object.entries(report.checks).map(([name, check]) => (
              <tr key={name} data-testid={`doctor-check-${name}`} data-status={check.status}>
                <th scope="row">{name}</th>
                <td>
                  <span className={`badge ${check.status}`}>{statusLabel[check.status]}</span>
                </td>
                <td>
                  <div>{check.summary}</div>
                  {check.fix && <div className="fix">{check.fix}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
