import { z } from 'zod';

/**
 * What `reign doctor` finds. This shape is the stable `--json` output documented in README.md:
 * add fields, never rename or remove them.
 */
export const CheckStatusSchema = z.enum(['ok', 'warning', 'missing', 'error']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

const CheckBase = {
  status: CheckStatusSchema,
  /** One line a person can read. */
  summary: z.string(),
  /** What to do when status is not ok; null when nothing is needed. */
  fix: z.string().nullable(),
};

/**
 * A check a family contributes (the Docker engine, the kubeconfig, a binary on PATH): the common
 * fields plus the family's own, which pass through untouched. The README lists the published ones.
 */
export const CheckSchema = z.looseObject({
  ...CheckBase,
  /** Something Reign needs, not an optional tool: `reign doctor` exits 1 when it is broken. */
  required: z.boolean().optional(),
  /** What the status bar shows for this check, if anything. */
  statusBar: z.object({ id: z.string(), label: z.string(), tone: z.enum(['ok', 'warn', 'bad', 'idle']) }).optional(),
});

export const KeychainCheckSchema = z.object({
  ...CheckBase,
  backend: z.string(),
});

export const OllamaCheckSchema = z.object({
  ...CheckBase,
  url: z.string(),
  version: z.string().nullable(),
  models: z.array(z.string()),
});

export const AnthropicCheckSchema = z.object({
  ...CheckBase,
  /** Whether a key is stored in the keychain. The key itself never leaves the keychain. */
  keyStored: z.boolean(),
});

export const DoctorReportSchema = z.object({
  schemaVersion: z.literal(1),
  reignVersion: z.string(),
  generatedAt: z.string(),
  platform: z.object({ os: z.string(), arch: z.string(), node: z.string() }),
  dataDir: z.string(),
  /** The core's own checks (the keychain and the model providers), then every family's, by name. */
  checks: z
    .object({
      keychain: KeychainCheckSchema,
      ollama: OllamaCheckSchema,
      anthropic: AnthropicCheckSchema,
    })
    .catchall(CheckSchema),
});

export type DoctorReport = z.infer<typeof DoctorReportSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type KeychainCheck = z.infer<typeof KeychainCheckSchema>;
export type OllamaCheck = z.infer<typeof OllamaCheckSchema>;
export type AnthropicCheck = z.infer<typeof AnthropicCheckSchema>;
