import { Redactor } from '../../audit/redactor';

/**
 * Masks the values a server was started with (env values, inherited variables, keychain entries,
 * its HTTP token): a server may print them back. The core's Redactor does the masking, so the same
 * minimum length applies (short values would mangle ordinary text) and known token formats go too.
 */
export function secretMasker(values: readonly string[]): (text: string) => string {
  const redactor = new Redactor();
  for (const value of values) redactor.addSecret(value);
  return (text) => redactor.redact(text);
}
