import { describe, expect, it } from 'vitest';
import { looksSecret } from './secret-names';

describe('names that say their value is a secret (one rule for env names, values keys and settings)', () => {
  it('recognises credentials by the words of their key, in any casing', () => {
    for (const key of ['SECRETKEY', 'MASTERKEY', 'AWS_ACCESSKEY', 'DB_PASSWORD2', 'TOKEN2', 'PASSWORDS', 'CLIENTSECRETS', 'PGPASSWORD', 'MYSQL_ROOTPASSWORD', 'GHTOKEN', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'password', 'adminPassword', 'POSTGRES_PASSWORD', 'auth-token', 'apiKey', 'api_key', 'secretKey', 'clientSecret', 'privateKey', 'key', 'tls.key', 'credentials', 'passwd']) expect(looksSecret(key), key).toBe(true);
    for (const key of ['replicaCount', 'image', 'tag', 'keyboardLayout', 'monkey', 'service', 'passthrough', 'host', 'tokenizerModel']) expect(looksSecret(key), key).toBe(false);
  });

});
