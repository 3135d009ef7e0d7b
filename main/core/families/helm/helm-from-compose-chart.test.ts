import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadCompose } from '../compose/compose-loader';
import { chartFromCompose, kubeName, splitImage } from './helm-from-compose-chart';
import { composeSourceFacts } from './helm-from-compose-source';

const dotenvPassword = 'dotenv-Pw-8821-never-in-chart';
const envFileToken = 'envfile-Tk-1177-never-in-chart';
const literalPassword = 'literal-pw-5531';

/** A compose project on disk, loaded through the compose family's loader, converted. */
function convert(compose: string, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'reign-from-compose-'));
  writeFileSync(join(dir, 'compose.yaml'), compose);
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const loaded = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const chart = chartFromCompose(loaded.project, composeSourceFacts(loaded.project));
  const file = (path: string) => chart.files.find((candidate) => candidate.path === path)?.content ?? '';
  return { chart, file, values: parse(file('values.yaml')) as Record<string, any> };
}

const shop = `
name: shop
services:
  web:
    image: registry.example.com:5000/shop/web:2.1
    command: ["serve", "--port", "8080", "--note", "$$(not-expanded)"]
    environment:
      GREETING: hello
      DB_PASSWORD: \${DB_PASSWORD}
      ADMIN_PASSWORD: ${literalPassword}
    env_file: app.env
    ports: ["8080:8080", "9090/udp"]
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
      interval: 10s
      timeout: 2s
      retries: 5
      start_period: 30s
    deploy:
      replicas: 3
      resources:
        limits: { memory: 256m, cpus: "0.5" }
    depends_on: [db]
    volumes:
      - ./static:/srv/static:ro
      - cache:/var/cache/web
    user: "1000:1000"
    secrets: [api_key]
  db:
    image: postgres
    entrypoint: ["docker-entrypoint.sh"]
    healthcheck:
      test: pg_isready -U postgres
    volumes:
      - data:/var/lib/postgresql/data
      - cache:/cache
      - /tmp/anon
    restart: "no"
    hostname: database
volumes:
  data: {}
  cache: {}
secrets:
  api_key:
    file: ./api_key.txt
`;
const shopFiles = { '.env': `DB_PASSWORD=${dotenvPassword}\n`, 'app.env': `API_TOKEN=${envFileToken}\n`, 'api_key.txt': 'file-secret-never-in-chart\n' };

describe('compose project → Helm chart', () => {
  it('writes a Deployment per service, a Service for one with ports, PVCs for named volumes and a Secret template', () => {
    const { chart } = convert(shop, shopFiles);
    expect(chart.chart).toBe('shop');
    expect(chart.files.map((file) => file.path)).toEqual(['Chart.yaml', 'values.yaml', 'templates/web-deployment.yaml', 'templates/web-service.yaml', 'templates/db-deployment.yaml', 'templates/cache-pvc.yaml', 'templates/data-pvc.yaml', 'templates/secrets.yaml']);
    expect(parse(chart.files[0]!.content)).toMatchObject({ apiVersion: 'v2', name: 'shop', version: '0.1.0' });
  });

  it('puts images and tags, replicas, command, plain env, probes, limits and the user into values.yaml', () => {
    const { values } = convert(shop, shopFiles);
    expect(values.services.web).toMatchObject({
      image: { repository: 'registry.example.com:5000/shop/web', tag: '2.1' },
      replicas: 3,
      args: ['serve', '--port', '8080', '--note', '$$(not-expanded)'],
      env: { GREETING: 'hello' },
      readinessProbe: { exec: { command: ['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/health'] }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 5, initialDelaySeconds: 30 },
      livenessProbe: { periodSeconds: 10 },
      resources: { limits: { memory: '256Mi', cpu: '0.5' } },
      securityContext: { runAsUser: 1000, runAsGroup: 1000 },
    });
    expect(values.services.web.command).toBeUndefined();
    expect(values.services.db).toMatchObject({ image: { repository: 'postgres', tag: 'latest' }, replicas: 1, command: ['docker-entrypoint.sh'], readinessProbe: { exec: { command: ['/bin/sh', '-c', 'pg_isready -U postgres'] } } });
    expect(values.volumes).toEqual({ data: { persistent: true, size: '1Gi', storageClass: '' }, cache: { persistent: true, size: '1Gi', storageClass: '' } });
  });

  it('never copies a value from .env, an env_file, a secret file or a secret-looking key; the person is told which to fill', () => {
    const { chart, values } = convert(shop, shopFiles);
    const everything = chart.files.map((file) => file.content).join('\n');
    for (const secret of [dotenvPassword, envFileToken, literalPassword, 'file-secret-never-in-chart']) expect(everything).not.toContain(secret);
    expect(values.secrets).toEqual({ env: { web: { ADMIN_PASSWORD: '', API_TOKEN: '', DB_PASSWORD: '' } }, files: { api_key: '' } });
    expect(chart.fillIn).toEqual([
      { path: 'secrets.env.web.ADMIN_PASSWORD', from: 'its name says it is a secret' },
      { path: 'secrets.env.web.API_TOKEN', from: 'from env_file app.env' },
      { path: 'secrets.env.web.DB_PASSWORD', from: 'set from a variable of .env or the shell' },
      { path: 'secrets.files.api_key', from: 'a compose file secret (its file is not copied)' },
    ]);
    expect(values.services.web.env).not.toHaveProperty('DB_PASSWORD');
    const deployment = chart.files.find((file) => file.path === 'templates/web-deployment.yaml')!.content;
    expect(deployment).toMatch(/- name: "DB_PASSWORD"\n {14}valueFrom:\n {16}secretKeyRef:\n {18}name: web-env\n {18}key: "DB_PASSWORD"/);
    expect(deployment).toMatch(/- name: secret-files\n {14}mountPath: "\/run\/secrets\/api_key"\n {14}subPath: "api_key"\n {14}readOnly: true/);
    expect(chart.files.find((file) => file.path === 'values.yaml')!.content).toMatch(/Left empty on purpose[\s\S]*secrets\.env\.web\.DB_PASSWORD/);
  });

  it('maps ports to containerPorts and a ClusterIP Service named as the compose service, so services find each other by name', () => {
    const { file } = convert(shop, shopFiles);
    const service = parse(file('templates/web-service.yaml').replaceAll(/\{\{[^}]*\}\}/g, 'x'));
    expect(service).toMatchObject({ kind: 'Service', metadata: { name: 'web' }, spec: { type: 'ClusterIP', ports: [{ name: 'tcp-8080', port: 8080, protocol: 'TCP' }, { name: 'udp-9090', port: 9090, protocol: 'UDP' }] } });
    expect(file('templates/web-deployment.yaml')).toMatch(/containerPort: 8080\n {14}protocol: TCP/);
    expect(file('templates/data-pvc.yaml')).toMatch(/kind: PersistentVolumeClaim[\s\S]*name: data[\s\S]*storage: \{\{ \$v.size \| quote \}\}/);
  });

  it('names every feature it could not convert, with why', () => {
    const { chart } = convert(shop, shopFiles);
    const lines = chart.unconverted.map((entry) => `${entry.service}: ${entry.feature} ${entry.why}`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^web: volumes: \.\/static → \/srv\/static is a bind mount of a folder of this machine/),
      expect.stringMatching(/^web: ports: 8080:8080 is not published on a host; .*kubectl port-forward svc\/web 8080:8080/),
      expect.stringMatching(/^web: depends_on: db Kubernetes starts every Deployment at once/),
      expect.stringMatching(/^db: hostname has no counterpart/),
      expect.stringMatching(/^db: restart: no a Deployment always restarts/),
      expect.stringMatching(/^db: volumes: \/tmp\/anon is an anonymous volume: it becomes an emptyDir/),
      expect.stringMatching(/^null: volume cache is shared by web, db: a ReadWriteOnce claim/),
    ]));
    expect(lines.some((line) => line.includes('api_key'))).toBe(false); // the file secret is converted, not a bind mount
    expect(lines.some((line) => line.startsWith('web: restart'))).toBe(false); // compose's default restart policy is not a feature someone wrote
  });

  it('keeps a command that takes variables out of the chart, and requires an image for a build-only service', () => {
    const { chart, values } = convert(`services:\n  worker:\n    build: .\n    command: ["run", "--token", "\${TOKEN}"]\n`, { '.env': `TOKEN=${dotenvPassword}\n` });
    expect(chart.files.map((file) => file.content).join('\n')).not.toContain(dotenvPassword);
    expect(values.services.worker.args).toBeUndefined();
    expect(values.services.worker.image.repository).toBe('');
    expect(chart.unconverted.map((entry) => `${entry.feature} ${entry.why}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^command takes variables/), expect.stringMatching(/^build has no image to deploy/)]));
    expect(chart.fillIn).toEqual([{ path: 'services.worker.image.repository', from: 'the image built from build:' }]);
  });

  it('renders templates whose literal text cannot be read as template actions', () => {
    const { file } = convert(`services:\n  odd:\n    image: busybox\n    volumes: ["data:/{{weird}}"]\nvolumes:\n  data: {}\n`);
    expect(file('templates/odd-deployment.yaml')).toContain('mountPath: "/{{ "{{" }}weird}}"');
    expect(parseAllDocuments(file('templates/odd-deployment.yaml')).length).toBe(1);
  });

  it('gives exposed ports a Service too, since other services reach them', () => {
    const { file } = convert(`services:\n  api:\n    image: busybox\n    expose: ["3000", "4000-4001/udp"]\n`);
    expect(parse(file('templates/api-service.yaml').replaceAll(/\{\{[^}]*\}\}/g, 'x')).spec.ports.map((port: { name: string }) => port.name)).toEqual(['tcp-3000', 'udp-4000', 'udp-4001']);
  });

  it('refuses two volumes that would be one claim in Kubernetes, naming both', () => {
    expect(() => convert(`services:\n  app:\n    image: busybox\n    volumes: ["my_data:/a", "my-data:/b"]\nvolumes:\n  my_data: {}\n  my-data: {}\n`)).toThrow('volumes "my_data" and "my-data" would both be named my-data in Kubernetes; rename one of them.');
    // Different names stay apart: one PVC file and one pod volume each.
    const { chart, file } = convert(`services:\n  app:\n    image: busybox\n    volumes: ["my_data:/a", "other:/b"]\nvolumes:\n  my_data: {}\n  other: {}\n`);
    expect(chart.files.map((entry) => entry.path).filter((path) => path.endsWith('-pvc.yaml'))).toEqual(['templates/my-data-pvc.yaml', 'templates/other-pvc.yaml']);
    expect([...new Set(file('templates/app-deployment.yaml').match(/vol-[a-z-]+/g))]).toEqual(['vol-my-data', 'vol-other']);
  });

  it('keeps a value that carries a credential out of the chart, whatever its key is called', () => {
    const token = `ghp_${'k3Y9'.repeat(9)}`;
    const { chart, values } = convert(`services:\n  app:\n    image: busybox\n    environment:\n      DATABASE_URL: postgres://u:p4ss-never-in-chart@db\n      UPSTREAM: ${token}\n      CACHE_URL: redis://cache:6379\n`);
    const everything = chart.files.map((file) => file.content).join('\n');
    expect(everything).not.toContain('p4ss-never-in-chart');
    expect(everything).not.toContain(token);
    expect(values.services.app.env).toEqual({ CACHE_URL: 'redis://cache:6379' });
    expect(values.secrets.env.app).toEqual({ DATABASE_URL: '', UPSTREAM: '' });
    expect(chart.fillIn).toEqual([
      { path: 'secrets.env.app.DATABASE_URL', from: 'its value looks like a credential (a password in a URL, or a token)' },
      { path: 'secrets.env.app.UPSTREAM', from: 'its value looks like a credential (a password in a URL, or a token)' },
    ]);
  });

  it('names and images as Kubernetes wants them', () => {
    expect(kubeName('My_App.web')).toBe('my-app-web');
    expect(splitImage('busybox')).toEqual({ repository: 'busybox', tag: 'latest' });
    expect(splitImage('localhost:5000/app:1')).toEqual({ repository: 'localhost:5000/app', tag: '1' });
    expect(splitImage('nginx@sha256:abc')).toEqual({ repository: 'nginx@sha256:abc', tag: '' });
  });
});
