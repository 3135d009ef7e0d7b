/** As the core's redactor: values shorter than this are not masked, as they would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

/** Masks the keychain values and tokens a server was started with (a server may print them back). */
export function maskSecretValues(text: string, values: readonly string[]): string {
  return values.reduce((result, value) => (value.length >= MIN_SECRET_LENGTH ? result.split(value).join('[REDACTED secret]') : result), text);
}
