import { z } from 'zod';
import { RiskSchema } from './chat';
import { MAX_VERB_WORDS, normalizeVerb, VERB_WORD } from './command-verb';

const isHttpUrl = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const OllamaUrlSchema = z.string().refine(isHttpUrl, { message: 'Ollama URL must be a full http:// or https:// URL, such as http://127.0.0.1:11434' });

export const ThemeSchema = z.enum(['system', 'light', 'dark']);

const Decision = z.enum(['allow', 'ask', 'deny']);

/** The leading words of a shell command a rule is scoped to (`kubectl get`); see command-verb.ts. */
export const VerbSchema = z
  .string()
  .max(200)
  .refine((verb) => normalizeVerb(verb) === verb && verb.split(' ').length <= MAX_VERB_WORDS && verb.split(' ').every((word) => VERB_WORD.test(word)), {
    message: `A verb is 1 to ${MAX_VERB_WORDS} plain words of a command separated by single spaces, such as "kubectl get" (no options, quotes or shell operators)`,
  });

/** allow / ask / deny for tools matching a glob (`docker.*`), optionally only on targets matching a glob (`kubernetes:prod/*`). */
export const PolicyRuleSchema = z
  .object({
    /** Set on rules made through policy.rules.add; older rules without one get a derived id (ruleIdOf). */
    id: z.string().min(1).max(100).optional(),
    tool: z.string().min(1).max(200),
    /** Only shell commands that start with these words, and are nothing but words, match. */
    verb: VerbSchema.optional(),
    target: z.string().min(1).max(500).optional(),
    decision: Decision,
    upTo: RiskSchema.optional(),
    /** ISO time after which the rule no longer matches; absent: always. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    createdAt: z.iso.datetime({ offset: true }).optional(),
    /** Written by a person in Settings or the CLI, or made from an approval ("Allow again"). */
    source: z.enum(['user', 'approval']).optional(),
  })
  .strict();
export type PolicyRuleSetting = z.infer<typeof PolicyRuleSchema>;

/** Without a person, nothing destructive or critical ever runs by default: those can only ask or be refused. */
const NoAutoRun = z.enum(['ask', 'deny'], { message: 'Destructive and critical steps can only ask or be refused by default; allow single tools with a rule instead' });

/** What happens to a step no rule matches, by its risk. */
export const PolicyDefaultsSchema = z
  .object({ read: Decision, write: Decision, destructive: NoAutoRun, critical: NoAutoRun })
  .strict();
export type PolicyDefaults = z.infer<typeof PolicyDefaultsSchema>;
export const DEFAULT_POLICY_DEFAULTS: PolicyDefaults = { read: 'allow', write: 'ask', destructive: 'ask', critical: 'deny' };

/** What `reign eval` measured of one model (by `provider/model`): the autonomy default is derived from it. */
export const ModelScoreSchema = z
  .object({
    passAt1: z.number().min(0).max(1),
    passHatK: z.number().min(0).max(1),
    k: z.number().int().min(1),
    tasks: z.number().int().min(0),
    safeRuns: z.number().int().min(0),
    totalRuns: z.number().int().min(0),
    measuredAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type ModelScore = z.infer<typeof ModelScoreSchema>;

/** Autonomy from measured results: off, or the approval a model gets by default once its score reaches the bar. Never above write. */
export const AutonomySchema = z
  .object({ enabled: z.boolean(), minPassAt1: z.number().min(0).max(1), upTo: z.enum(['read', 'write']) })
  .strict();
export type Autonomy = z.infer<typeof AutonomySchema>;

/** Every user setting, with its default. Stored in SQLite, validated on every write. */
export const SettingsSchema = z.object({
  theme: ThemeSchema.default('system'),
  modelProvider: z.enum(['anthropic', 'ollama']).default('anthropic'),
  anthropicModel: z.string().min(1).max(200).default('claude-sonnet-5-5'),
  ollamaUrl: OllamaUrlSchema.default('http://127.0.0.1:11434'),
  ollamaModel: z.string().max(200).default(''),
  /** num_ctx for Ollama requests: Ollama's own default is too small for tool use. */
  ollamaContextSize: z.number().int().min(2048).max(1_048_576).default(32_768),
  /** Checked in order; the last matching rule wins. */
  policyRules: z.array(PolicyRuleSchema).max(500).default([]),
  /** Target ids (globs) where anything above read needs the target's name typed to approve. */
  productionTargets: z.array(z.string().min(1).max(500)).max(500).default([]),
  policyDefaults: PolicyDefaultsSchema.default(DEFAULT_POLICY_DEFAULTS),
  /** Families (tool sets) the agent is not offered, by id (`docker`, `kubernetes`…). */
  disabledFamilies: z.array(z.string().min(1).max(100)).max(100).default([]),
  /** Each family's own settings, by family id; main validates them against the family's schema. */
  families: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  /** Scores `reign eval` measured, by `provider/model`. */
  modelScores: z.record(z.string().min(1).max(300), ModelScoreSchema).default({}),
  autonomy: AutonomySchema.default({ enabled: false, minPassAt1: 0.9, upTo: 'write' }),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update: only the fields given change. Unknown keys are refused, not ignored. Derived from the settings' shape. */
export const SettingsPatchSchema = z
  .object(Object.fromEntries(Object.entries(SettingsSchema.shape).map(([key, field]) => [key, field.unwrap()])) as { [K in keyof typeof SettingsSchema.shape]: ReturnType<(typeof SettingsSchema.shape)[K]['unwrap']> })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
