import type { dashboardCommands } from '../../../preload/contract';
import type { CommandHandlers } from '../dispatch/command-handlers';
import type { Family } from '../families/family';
import type { AccessWhere } from '../tools/access';
import type { RunRepository } from '../plan/run-repository';
import { dashboardRuns } from './dashboard-runs';
import type { ReadPolicy } from './health-read-policy';
import { gatherTargetHealth } from './target-health';

type DashboardCommand = keyof typeof dashboardCommands;

export interface DashboardDeps {
  readonly families: readonly Family[];
  readonly env: NodeJS.ProcessEnv;
  readonly secret: AccessWhere['secret'];
  /** The chat's workspace folder (where Terraform configurations are looked for), read at every call. */
  readonly workspace: () => string;
  readonly production: () => readonly string[];
  readonly runs: Pick<RunRepository, 'history'>;
  readonly redact: (text: string) => string;
  /** The policy every read goes through: a rule denying reads of a target keeps the dashboard from reading it. */
  readonly policy: ReadPolicy;
}

export function dashboardHandlers(deps: DashboardDeps): Pick<CommandHandlers, DashboardCommand> {
  return {
    'dashboard.health': async (_request, context) => {
      const targets = await gatherTargetHealth(deps.families, { env: deps.env, secret: deps.secret, workspace: deps.workspace(), signal: context.signal }, { production: deps.production(), redact: deps.redact, policy: deps.policy });
      return { targets, ...dashboardRuns(deps.runs), checkedAt: new Date().toISOString() };
    },
  };
}
