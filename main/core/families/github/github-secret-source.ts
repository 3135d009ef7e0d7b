import { z } from 'zod';
import { defineAccess } from '../../tools/access';
import { GITHUB_TOKEN_SECRET } from './github-token';

// A secret's value never passes through the model, the plan, the audit log or the renderer: a
// step names where the value is (a variable of Reign's environment, or a keychain entry), and
// only `run` reads it, to seal it for GitHub. Previews, risks, outputs and errors name the
// place, never the value.

/**
 * The keychain entries a step may read: only those the GitHub family declares, because the core's
 * reader (`declaredSecretReader`) gives connections nothing else.
 */
export const readableKeychainEntries: readonly string[] = [GITHUB_TOKEN_SECRET];

const environmentName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const secretSourceField = z
  .discriminatedUnion('from', [
    z
      .object({
        from: z.literal('env'),
        variable: z.string().regex(environmentName, 'an environment variable name (letters, digits and _, not starting with a digit)').describe("A variable of Reign's own environment, for headless use (reign ask, CI)"),
      })
      .strict(),
    z
      .object({
        from: z.literal('keychain'),
        name: z
          .string()
          .superRefine((value, context) => {
            if (!readableKeychainEntries.includes(value))
              context.addIssue({ code: 'custom', message: `Reign can read only the keychain entries the GitHub family declares (${readableKeychainEntries.join(', ')}), not "${value}". For another value, start Reign with it in an environment variable and give { from: 'env', variable: 'NAME' }.` });
          })
          .describe(`A keychain entry of Reign's: ${readableKeychainEntries.join(', ')}`),
      })
      .strict(),
  ])
  .describe("Where the secret's value is, never the value itself: { from: 'env', variable: 'NAME' } or { from: 'keychain', name: 'ENTRY' }. The value is read when the step runs, encrypted for GitHub, and shown or kept nowhere.");

export type SecretSource = z.infer<typeof secretSourceField>;

/** In words, for previews and messages: `the environment variable REGISTRY_TOKEN`. */
export function describeSource(source: SecretSource): string {
  return source.from === 'env' ? `the environment variable ${source.variable}` : `the keychain entry ${source.name}`;
}

const reignCredentials: Record<string, string> = { GH_TOKEN: 'the GitHub token Reign uses', GITHUB_TOKEN: 'the GitHub token Reign uses', ANTHROPIC_API_KEY: "Reign's Anthropic API key" };

/** When the value is a credential Reign itself signs in with, what it is (for the risk), else null. */
export function reignCredentialIn(source: SecretSource): string | null {
  if (source.from === 'keychain') return source.name === GITHUB_TOKEN_SECRET ? 'the GitHub token Reign uses' : null;
  return reignCredentials[source.variable] ?? null;
}

/** GitHub's limit for one secret (docs: "Limits for secrets"). */
export const MAX_SECRET_BYTES = 48 * 1024;

export type SecretRead = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

export interface SecretSources {
  /** The value, or what is wrong, in a message that names the place and never holds a value. */
  read(source: SecretSource): SecretRead;
  /** Whether an environment variable is set, for a preview; a keychain entry is not read before the step runs. */
  isSet(source: SecretSource): boolean | null;
}

/** Reads values where steps say they are: Reign's environment, and the family's declared keychain entries through the core's reader. */
export const githubSecretSourcesKey = defineAccess<SecretSources>('github-secret-sources', ({ env, secret }) => ({
  read(source) {
    const value = source.from === 'env' ? env[source.variable] : readableKeychainEntries.includes(source.name) ? secret(source.name) : null;
    const where = describeSource(source);
    if (value === undefined || value === null)
      return { ok: false, message: source.from === 'env' ? `${where} is not set in Reign's environment: start Reign with it set, or take the value from the keychain.` : `${where} is not in the keychain (or no keychain can be read here): store it in Settings.` };
    if (value === '') return { ok: false, message: `${where} is empty: GitHub keeps no empty secrets.` };
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > MAX_SECRET_BYTES) return { ok: false, message: `${where} holds ${bytes} bytes, more than the ${MAX_SECRET_BYTES} GitHub takes for a secret: keep a larger value in a file encrypted in the repository, with its key as the secret.` };
    return { ok: true, value };
  },
  isSet: (source) => (source.from === 'env' ? Boolean(env[source.variable]) : null),
}));

/** Text with every occurrence of `value` masked: for anything built while a value was in hand. */
export function maskValue(text: string, value: string): string {
  return value ? text.split(value).join('[REDACTED secret value]') : text;
}
