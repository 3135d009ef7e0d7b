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

export const DockerCheckSchema = z.object({
  ...CheckBase,
  /** Where the endpoint came from. */
  source: z.enum(['DOCKER_HOST', 'docker-context', 'default-socket', 'none']),
  context: z.string().nullable(),
  endpoint: z.string().nullable(),
  serverVersion: z.string().nullable(),
  apiVersion: z.string().nullable(),
});

export const KubernetesCheckSchema = z.object({
  ...CheckBase,
  kubeconfigPaths: z.array(z.string()),
  currentContext: z.string().nullable(),
  contexts: z.array(z.object({ name: z.string(), cluster: z.string().nullable(), namespace: z.string().nullable() })),
});

export const BinaryCheckSchema = z.object({
  ...CheckBase,
  path: z.string().nullable(),
  version: z.string().nullable(),
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
  checks: z.object({
    docker: DockerCheckSchema,
    kubernetes: KubernetesCheckSchema,
    helm: BinaryCheckSchema,
    terraform: BinaryCheckSchema,
    git: BinaryCheckSchema,
    kubectl: BinaryCheckSchema,
    keychain: KeychainCheckSchema,
    ollama: OllamaCheckSchema,
    anthropic: AnthropicCheckSchema,
  }),
});

export type DoctorReport = z.infer<typeof DoctorReportSchema>;
export type DockerCheck = z.infer<typeof DockerCheckSchema>;
export type KubernetesCheck = z.infer<typeof KubernetesCheckSchema>;
export type BinaryCheck = z.infer<typeof BinaryCheckSchema>;
export type KeychainCheck = z.infer<typeof KeychainCheckSchema>;
export type OllamaCheck = z.infer<typeof OllamaCheckSchema>;
export type AnthropicCheck = z.infer<typeof AnthropicCheckSchema>;
