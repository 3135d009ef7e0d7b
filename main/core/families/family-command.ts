import type { Redactor } from '../audit/redactor';
import type { Plan } from '../plan/plan-schema';
import type { PolicyEngine } from '../policy/policy-engine';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import type { AccessWhere } from '../tools/access';
import type { ToolRegistry } from '../tools/tool-registry';

/** Where a command writes; the CLI passes the terminal, tests capture it. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** What a family's CLI subcommand gets from `reign`: the services, and running plans the way `reign plan run` does. */
export interface FamilyCommandContext {
  readonly io: CommandIo;
  readonly json: boolean;
  /** `--workspace`, when given. */
  readonly workspace: string | undefined;
  readonly tools: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly redactor: Redactor;
  shell(): Promise<ShellAnalyzer>;
  /** Family credentials from the keychain, for the tool contexts of reads (see AccessWhere.secret). */
  readonly secret?: AccessWhere['secret'];
  /** Runs a plan with this command line's --approve, --confirm, --json…; returns the exit code (0, 1, or 3 when steps wait for approval). */
  runPlan(plan: Plan, workspace: string): Promise<number>;
  /** Prints each step with its risk and why, as `reign plan validate` does. */
  printPlan(plan: Plan, workspace: string): Promise<void>;
}

type OptionSpec = { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean };

/** `reign <name> …`, contributed by a family (`reign compose up`). */
export interface FamilyCommand {
  readonly name: string;
  /** Its lines of `reign --help`. */
  readonly usage: string;
  /** Its own options, beside the global ones (`--approve`, `--json`, `--workspace`…). */
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly run: (context: FamilyCommandContext, words: readonly string[], values: Readonly<Record<string, unknown>>) => Promise<number>;
}
