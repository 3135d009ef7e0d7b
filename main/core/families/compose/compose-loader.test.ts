import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCompose } from './compose-loader';
import { interpolate } from './interpolate';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'reign-compose-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('interpolation', () => {
  const env = { SET: 'value', EMPTY: '' };
  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-${SET}}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['$$SET', '$SET'],
    ['cost: $5', 'cost: $5'],
  ])('%s → %s', (text, expected) => expect(interpolate(text, env, 'x')).toBe(expected));

  it('stops with the message of a required variable', () => {
    expect(() => interpolate('${DB_PASSWORD:?set it in .env}', env, 'services.db.environment')).toThrow('required variable DB_PASSWORD is not set: set it in .env');
    expect(() => interpolate('${BAD NAME}', env, 'x')).toThrow(/invalid interpolation/);
  });
});

describe('loadCompose', () => {
  it('merges files in order, interpolates from .env (the environment wins), and normalises services', () => {
    const dir = project({
      '.env': 'TAG=1.27\nPORT=8080\nDB_USER="app"\n',
      'compose.yaml': `
services:
  web:
    image: nginx:\${TAG}
    ports: ["\${PORT}:80"]
    environment: [MODE=prod]
    depends_on:
      db: { condition: service_healthy }
  db:
    image: postgres:16
    environment: { POSTGRES_USER: "\${DB_USER}" }
    volumes: [data:/var/lib/postgresql/data]
    healthcheck: { test: pg_isready, interval: 2s, retries: 5 }
volumes:
  data:
`,
      'compose.override.yaml': `
services:
  web:
    ports: ["127.0.0.1:9443:443"]
    environment: { DEBUG: "1" }
`,
    });
    const result = loadCompose({ files: [join(dir, 'compose.yaml'), join(dir, 'compose.override.yaml')], env: { PORT: '9090' } });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [web, db] = result.project.services;
    expect(web).toMatchObject({
      image: 'nginx:1.27',
      ports: [{ target: 80, published: 9090, hostIp: '0.0.0.0', protocol: 'tcp' }, { target: 443, published: 9443, hostIp: '127.0.0.1', protocol: 'tcp' }],
      environment: { MODE: 'prod', DEBUG: '1' },
      dependsOn: [{ service: 'db', condition: 'service_healthy', required: true }],
      networks: [{ name: 'default', aliases: [] }],
    });
    expect(db).toMatchObject({ environment: { POSTGRES_USER: 'app' }, volumes: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data', readOnly: false }], healthcheck: { test: ['CMD-SHELL', 'pg_isready'], intervalMs: 2000, retries: 5 } });
    expect(result.project.name).toMatch(/^reign-compose-/);
    expect(result.project.volumes).toEqual([{ key: 'data', name: `${result.project.name}_data`, external: false }]);
    expect(result.project.networks).toEqual([{ key: 'default', name: `${result.project.name}_default`, external: false }]);
  });

  it('includes a service in a profile only when that profile is enabled', () => {
    const dir = project({ 'compose.yaml': 'services:\n  app: { image: a }\n  debug: { image: b, profiles: [debug] }\n' });
    const names = (profiles?: string[]) => {
      const result = loadCompose({ files: [join(dir, 'compose.yaml')], profiles, env: {} });
      return result.ok ? result.project.services.map((service) => service.name) : result.problems;
    };
    expect(names()).toEqual(['app']);
    expect(names(['debug'])).toEqual(['app', 'debug']);
  });

  it('names the file, the path and the problem; refuses features it does not run', () => {
    const dir = project({
      'compose.yaml': `
services:
  web:
    image: nginx
    depends_on: [ghost]
    volumes: [undeclared:/data]
    networks: [backend]
    privileged: true
  api:
    extends: { service: web }
  a: { image: x, depends_on: [b] }
  b: { image: x, depends_on: [a] }
  bad-port: { image: x, ports: ["eighty:80"] }
configs:
  app: { file: ./app.conf }
`,
    });
    const result = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
    expect(result.ok).toBe(false);
    const lines = (result as { problems: { path: string; message: string }[] }).problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^configs: "configs" is not supported by Reign yet/),
        expect.stringMatching(/^services\.web\.privileged: "privileged" is not supported by Reign/),
      ]),
    );
    const second = loadCompose({ files: [join(project({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on: [ghost]\n    volumes: [undeclared:/data]\n    networks: [backend]\n  a: { image: x, depends_on: [b] }\n  b: { image: x, depends_on: [a] }\n  bad: { image: x, ports: ["eighty:80"] }\n' }), 'compose.yaml')], env: {} });
    const messages = (second as { problems: { path: string; message: string }[] }).problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'services.web.depends_on: depends on "ghost", which is not a service here (or its profile is not enabled)',
        'services.web.volumes: volume "undeclared" is not declared under the top-level volumes:',
        'services.web.networks: network "backend" is not declared under the top-level networks:',
        expect.stringMatching(/dependency cycle: (a → b → a|b → a → b)/),
        expect.stringMatching(/^services\.bad: port "eighty:80" is not/),
      ]),
    );
  });

  it('reports YAML errors with a line, and a required variable with its path', () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    image: [unclosed\n', 'other.yaml': 'services:\n  db:\n    image: postgres\n    environment:\n      PASSWORD: ${DB_PASSWORD:?DB_PASSWORD must be set}\n' });
    const yaml = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
    expect(yaml).toMatchObject({ ok: false, problems: [{ path: expect.stringMatching(/^line \d+/), message: expect.stringMatching(/not valid YAML/) }] });
    const required = loadCompose({ files: [join(dir, 'other.yaml')], env: {} });
    expect(required).toMatchObject({ ok: false, problems: [{ path: 'services.db.environment.PASSWORD', message: 'required variable DB_PASSWORD is not set: DB_PASSWORD must be set' }] });
  });
});

describe('loadCompose secrets', () => {
  it('mounts file secrets read-only at /run/secrets, and names a missing one', () => {
    const dir = project({ 'compose.yaml': 'services:\n  db:\n    image: postgres\n    secrets: [db_password, { source: api_key, target: /etc/key }]\nsecrets:\n  db_password: { file: ./db_password.txt }\n  api_key: { file: ./api.key }\n', 'db_password.txt': 'hunter2', 'api.key': 'k' });
    const result = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.project.services[0]!.volumes).toEqual([
      { type: 'bind', source: join(dir, 'db_password.txt'), target: '/run/secrets/db_password', readOnly: true },
      { type: 'bind', source: join(dir, 'api.key'), target: '/etc/key', readOnly: true },
    ]);
    const missing = project({ 'compose.yaml': 'services:\n  db:\n    image: postgres\n    secrets: [nope]\nsecrets:\n  nope: { file: ./nope.txt }\n' });
    expect(loadCompose({ files: [join(missing, 'compose.yaml')], env: {} })).toMatchObject({ ok: false, problems: [{ path: 'services.db', message: expect.stringMatching(/secret "nope" file \.\/nope\.txt does not exist/) }] });
  });
});

describe('loadCompose extends', () => {
  it('inherits from a service in the same file and in another file, with the other file\'s relative paths kept right', () => {
    const dir = project({
      'common.yaml': 'services:\n  base:\n    image: busybox\n    environment: { LEVEL: base, SHARED: "1" }\n    volumes: ["./data:/data"]\n    depends_on: [db]\n',
      'compose.yaml': 'services:\n  worker:\n    extends: { file: common.yaml, service: base }\n    environment: { LEVEL: worker }\n  worker2:\n    extends: worker\n    command: ["sh"]\n',
    });
    const result = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [worker, worker2] = result.project.services;
    expect(worker).toMatchObject({ image: 'busybox', environment: { LEVEL: 'worker', SHARED: '1' }, volumes: [{ type: 'bind', source: join(dir, 'data'), target: '/data' }], dependsOn: [] });
    expect(worker2).toMatchObject({ image: 'busybox', environment: { LEVEL: 'worker' }, command: ['sh'] });
  });

  it('refuses a cycle and a missing base, naming them', () => {
    const dir = project({ 'compose.yaml': 'services:\n  a: { extends: b }\n  b: { extends: a }\n' });
    expect(loadCompose({ files: [join(dir, 'compose.yaml')], env: {} })).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/extends goes round in a circle: a → b → a/) }] });
    const missing = project({ 'compose.yaml': 'services:\n  a: { extends: { service: ghost } }\n' });
    expect(loadCompose({ files: [join(missing, 'compose.yaml')], env: {} })).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/names service "ghost"/) }] });
  });
});
