import type { CheckStatus, FamilyTargetHealth } from '../../../preload/contract';
import type { TextMasker } from '../audit/redactor';
import type { Table } from '../policy/shell/verbs/classifier';
import type { ResourceViewDefinition } from '../resources-view/resource-view';
import type { FamilySettingsSchema } from '../settings/settings-service';
import type { FamilyCommand } from './family-command';
import type { AccessWhere } from '../tools/access';
import type { Target, ToolDefinition } from '../tools/tool-definition';
import type { SearchFrom } from '../search/search-from';
import type { SearchItem } from '../../../preload/contract';

/**
 * One doctor check a family contributes: what it needs on this machine (an engine, a binary, a
 * kubeconfig). Its result lands in `reign doctor --json` under `checks.<name>`.
 */
export interface DoctorProbe {
  /** The key under `checks`; once published, never renamed (README: fields are only ever added). */
  readonly name: string;
  /** Something Reign needs, not an optional tool: `reign doctor` exits 1 when it is broken. */
  readonly required?: boolean;
  /** `secret` reads the credentials families declared from the keychain (see AccessWhere.secret). */
  readonly run: (where: { readonly env: NodeJS.ProcessEnv; readonly secret: AccessWhere['secret'] }) => Promise<FamilyCheck>;
}

/** What a probe found: status, one line, the fix, plus the probe's own fields. */
export interface FamilyCheck {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly fix: string | null;
  /** What the status bar shows for this check (the engine, the cluster context), if anything. */
  readonly statusBar?: { readonly id: string; readonly label: string; readonly tone: 'ok' | 'warn' | 'bad' | 'idle' };
  readonly [field: string]: unknown;
}

/** A credential a family uses, kept in the OS keychain under `name`; its value is masked everywhere. */
export interface SecretDeclaration {
  readonly name: string;
  /** For Settings: "GitHub token". */
  readonly label: string;
  /** What is wrong with a value before it is stored (too short, wrong prefix), or null. */
  readonly check?: (value: string) => string | null;
  /** Environment variables that carry this credential for headless use (GITHUB_TOKEN): their values are masked everywhere from the start. */
  readonly envNames?: readonly string[];
  /** Checks the stored value works (lists models, reads the account); says what is wrong when it does not. */
  readonly test?: (value: string, where: { readonly env: NodeJS.ProcessEnv; readonly signal: AbortSignal }) => Promise<{ ok: boolean; message: string }>;
  /**
   * Where Settings can import it from once, in main (the GitHub token from `gh auth token`): `read`
   * gives the value (stored, never returned) or throws saying what to do; `label` names the source.
   */
  readonly importFrom?: { readonly label: string; readonly read: (where: { readonly env: NodeJS.ProcessEnv; readonly signal: AbortSignal }) => Promise<string> };
}

/** One problem a document check found, placed for an editor marker (1-based; the end exclusive, as Monaco's). */
export interface DocumentProblem {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly source: string;
  readonly rule: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A kind of document a family checks for the editor, in main (a GitHub Actions workflow: schema, actionlint, risky patterns). */
export interface DocumentCheck {
  /** The editor's name for the kind (`github-workflow`, as document-kind.ts has it). */
  readonly kind: string;
  readonly check: (text: string, where: { readonly env: NodeJS.ProcessEnv; readonly signal: AbortSignal; readonly fileName?: string }) => Promise<{ problems: DocumentProblem[]; notes: string[] }>;
}

/**
 * An executor family: everything Reign knows about one kind of infrastructure, contributed to
 * registries the core renders generically (design notes §2). The core never switches on a
 * family's id; it reads these values.
 */
export interface Family {
  /** Every tool name starts with `<id>.`. */
  readonly id: string;
  /** For people and for the model's tool sets: "Docker engine: containers, images, networks, volumes". */
  readonly title: string;
  readonly description: string;
  /** Families this one builds on (compose → docker); only these may be imported from its folder. */
  readonly dependsOn?: readonly string[];
  readonly tools: readonly ToolDefinition[];
  /** Tool names the model is given at once when the family is present; the rest it finds with find_tools. Default: all. */
  readonly essential?: readonly string[];
  readonly probes?: readonly DoctorProbe[];
  readonly secrets?: readonly SecretDeclaration[];
  /**
   * The targets its steps can act on here (the engine in use, the kubeconfig's contexts), for
   * writing rules and marking production targets; ids are what rules match and approvals bind to.
   */
  readonly targets?: (where: { readonly env: NodeJS.ProcessEnv }) => Promise<readonly Target[]>;
  /** Its settings (`settings.families.<id>`), each field with a default; validated on every write. */
  readonly settings?: FamilySettingsSchema;
  /** How the shell classifies the CLIs this family owns (`docker rm` is destructive), by command name. */
  readonly verbs?: Table;
  /**
   * Secrets in text of a shape the family knows (the values of a Kubernetes Secret manifest), masked
   * wherever text is stored or sent: the audit log, runs, events, the model, the renderer.
   */
  readonly redactions?: readonly TextMasker[];
  /** Subcommands of `reign` (`reign compose …`). */
  readonly commands?: readonly FamilyCommand[];
  /** Tables for the Resources pane (containers, images…). */
  readonly views?: readonly ResourceViewDefinition<any>[];
  /** Documents it checks for the editor's markers (`documents.check`). */
  readonly documentChecks?: readonly DocumentCheck[];
  /**
   * Whether the family is of use on this machine, from the doctor's checks (an engine reachable,
   * a kubeconfig present). Families without it are always present. The model is offered the tools
   * of present families at once; the others through `find_tools`.
   */
  readonly presentWhen?: (checks: Readonly<Record<string, { readonly status: CheckStatus }>>) => boolean;
  /**
   * The health of its targets for the home dashboard (connected, what runs, what failed), read
   * cheaply and quickly: the core stops waiting at its time limit and shows the family as not
   * answering. A target it cannot reach is a card saying why and what to do, not a throw.
   */
  readonly health?: (where: HealthWhere) => Promise<readonly FamilyTargetHealth[]>;
  /**
   * What global search finds on its targets (containers, pods, releases, repositories), each naming
   * the Resources row it opens. Listed through read tools (`from.read`, policy-checked); the core
   * stops waiting at its time limit, so a slow target costs only its own items.
   */
  readonly searchables?: (from: SearchFrom) => Promise<readonly SearchItem[]>;
}

/** What a health hook gets: the environment, the keychain's declared credentials, the chat's workspace folder, and the signal the core aborts at its time limit. */
export interface HealthWhere {
  readonly env: NodeJS.ProcessEnv;
  readonly secret: AccessWhere['secret'];
  readonly workspace: string;
  readonly signal: AbortSignal;
  /**
   * Asked before the hook reads a target, as the read tool it stands for (`kubernetes.list` on
   * `kubernetes:prod/*`): null when the policy lets it read, else the card fields saying a rule
   * refused it. The dashboard honours the same rules as every other read.
   */
  readonly readRefusal: (targetId: string, tool: string) => RefusedRead | null;
}

/** What a card of a target the policy did not let the dashboard read says instead of its health. */
export type RefusedRead = Pick<FamilyTargetHealth, 'tone' | 'state' | 'summary' | 'fix' | 'facts' | 'counts' | 'open'>;

export function defineFamily(family: Family): Family {
  const stray = family.tools.filter((tool) => !tool.name.startsWith(`${family.id}.`));
  if (stray.length) throw new Error(`Family ${family.id} declares tools outside its name space: ${stray.map((tool) => tool.name).join(', ')}`);
  return family;
}
