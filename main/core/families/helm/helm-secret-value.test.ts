import { describe, expect, it } from 'vitest';
import { valueLooksSecret } from './helm-secret-value';

describe('values that carry a credential, whatever their key', () => {
  it('flags URLs with a password, known token formats and long random strings', () => {
    for (const value of [
      'postgres://u:p@db',
      'postgresql://app:hunter2@db:5432/shop',
      'sqlserver://sa:Str0ngPw@mssql:1433', // a scheme the Redactor does not list
      'amqp://guest:guest@rabbit/',
      `ghp_${'a1B2'.repeat(9)}`,
      `xoxb-${'1234567890'}-abcdefABCDEF`,
      'AKIAIOSFODNN7EXAMPLE',
      `sk-${'Zq9'.repeat(8)}`,
      '--password=hunter22',
      'Kj8sLq2Zm9Xv4Bn7Wc1Rt6Yp3',
      '3a7bd3e2360a3d29eea436fcfb7e44c735d117c4',
    ]) expect(valueLooksSecret(value), value).toBe(true);
  });

  it('keeps ordinary configuration: URLs without a password, names, paths, versions, words', () => {
    for (const value of ['hello', 'http://api:8080/v1', 'postgres://db:5432/shop', 'redis://cache:6379', 'production-eu-west-1-cluster-02', '/usr/share/nginx/html/v2/assets', 'org.example.MyApplicationMain2', '1.27.3-alpine3.19', 'en_US.UTF-8', 'debug', '$5', '']) {
      expect(valueLooksSecret(value), value).toBe(false);
    }
  });
});
