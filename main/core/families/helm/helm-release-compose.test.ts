import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCompose } from '../compose/compose-loader';
import { composeFromManifest, cpusOf, memoryOf } from './helm-release-compose';

const secretValue = 'c2VjcmV0LXZhbHVlLW5ldmVyLWNvcGllZA=='; // base64 of a password that must never be copied
const stringSecret = 'plain-secret-never-copied';

// As `helm get manifest` prints it: `# Source:` comments, documents in template order.
const manifest = `---
# Source: shop/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: shop
---
# Source: shop/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: shop-db
type: Opaque
data:
  password: ${secretValue}
stringData:
  apiToken: ${stringSecret}
---
# Source: shop/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  LOG_LEVEL: debug
  PRICE: "$5"
---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        runAsUser: 1000
      containers:
        - name: web
          image: registry.example.com/shop/web:2.1
          command: ["/app/serve"]
          args: ["--port", "8080"]
          envFrom:
            - configMapRef:
                name: shop-config
          env:
            - name: GREETING
              value: hello
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: shop-db
                  key: password
            - name: MISSING_CONFIG
              valueFrom:
                configMapKeyRef:
                  name: elsewhere
                  key: x
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /health
              port: http
            periodSeconds: 5
            failureThreshold: 4
          resources:
            limits:
              memory: 256Mi
              cpu: 500m
          volumeMounts:
            - name: cache
              mountPath: /cache
            - name: config-files
              mountPath: /etc/shop
      volumes:
        - name: cache
          emptyDir: {}
        - name: config-files
          configMap:
            name: shop-config
---
# Source: shop/templates/db.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:16
          envFrom:
            - secretRef:
                name: shop-db
          ports:
            - containerPort: 8080
          livenessProbe:
            exec:
              command: ["pg_isready", "-U", "postgres"]
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
---
# Source: shop/templates/ingress.yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules: []
---
# Source: shop/templates/pvc.yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
spec:
  accessModes: ["ReadWriteOnce"]
`;

/** The compose text and .env written to a folder and loaded by the compose family's loader. */
function loaded(compose: string, env: string) {
  const dir = mkdtempSync(join(tmpdir(), 'reign-release-compose-'));
  writeFileSync(join(dir, 'compose.yaml'), compose);
  writeFileSync(join(dir, '.env'), env);
  return loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
}

describe('release manifest → compose setup', () => {
  const result = composeFromManifest(manifest, 'shop');

  it('makes a service per workload container that the compose loader accepts', () => {
    expect(result.services).toEqual(['web', 'db']);
    const project = loaded(result.compose, result.env);
    expect(project.ok, JSON.stringify(project)).toBe(true);
    if (!project.ok) return;
    expect(project.project.name).toBe('shop');
    const web = project.project.services.find((service) => service.name === 'web')!;
    expect(web).toMatchObject({
      image: 'registry.example.com/shop/web:2.1',
      entrypoint: ['/app/serve'],
      command: ['--port', '8080'],
      ports: [{ target: 8080, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }],
      user: '1000',
      memoryMb: 256,
      cpus: 0.5,
      restart: 'unless-stopped',
      networks: [{ name: 'default', aliases: ['shop-web'] }],
      healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1'], intervalMs: 5000, retries: 4 },
    });
    expect(web.environment).toMatchObject({ GREETING: 'hello', LOG_LEVEL: 'debug', PRICE: '$5', DB_PASSWORD: '' });
    expect(web.volumes).toEqual([{ type: 'volume', source: '', target: '/cache', readOnly: false }]);
    const db = project.project.services.find((service) => service.name === 'db')!;
    expect(db).toMatchObject({ image: 'postgres:16', ports: [{ target: 8080, published: 8081, hostIp: '127.0.0.1' }], healthcheck: { test: ['CMD', 'pg_isready', '-U', 'postgres'] } });
    expect(db.volumes).toEqual([{ type: 'volume', source: 'data-db', target: '/var/lib/postgresql/data', readOnly: false }]);
    expect(project.project.volumes.map((volume) => volume.key)).toEqual(['data-db']);
  });

  it('never copies a Secret value: each becomes a variable with an empty .env line to fill', () => {
    for (const text of [result.compose, result.env, JSON.stringify(result)]) {
      expect(text).not.toContain(secretValue);
      expect(text).not.toContain(stringSecret);
      expect(text).not.toContain('secret-value-never-copied');
    }
    expect(result.secretVariables).toEqual(['DB_PASSWORD', 'MISSING_CONFIG', 'apiToken']);
    // The key both containers use is one variable, filled once.
    expect(result.compose).toMatch(/password: \$\{DB_PASSWORD\}/);
    expect(result.compose).toMatch(/DB_PASSWORD: \$\{DB_PASSWORD\}/);
    expect(result.env).toMatch(/# Secret shop-db key password\nDB_PASSWORD=\n/);
    expect(result.env).toMatch(/# Secret shop-db key apiToken\napiToken=\n/);
    // With the .env filled, the value reaches the service.
    const filled = loaded(result.compose, result.env.replace('DB_PASSWORD=', 'DB_PASSWORD=from-the-person'));
    expect(filled.ok && filled.project.services[0]!.environment.DB_PASSWORD).toBe('from-the-person');
  });

  it('lists what does not map, with why', () => {
    expect(result.unmapped).toEqual(expect.arrayContaining([
      'ServiceAccount/shop: RBAC (the Kubernetes API\'s permissions) has no compose counterpart',
      'Ingress/shop: routes HTTP from outside the cluster; locally, reach the services on their published 127.0.0.1 ports',
      'PersistentVolumeClaim/uploads: becomes the named volume uploads where a container mounts it (empty: the cluster\'s data is not copied)',
      'web: runs 3 replicas in the release; the compose service runs one (its ports are published once)',
      'web: POD_IP comes from the pod\'s field status.podIP, which has no compose counterpart',
      'web: files of ConfigMap shop-config at /etc/shop are not converted; write them to files and bind-mount them',
      'web: MISSING_CONFIG comes from ConfigMap elsewhere, which is not part of the release; fill it in .env',
      'db: port 8080 is published on 127.0.0.1:8081, since 8080 is taken by another service',
      'Service/shop-web: serves port 80 in the cluster; locally, reach web on port 8080',
    ]));
    expect(result.compose).toMatch(/^# Not converted:\n#   ServiceAccount\/shop/m);
  });

  it('never copies a plain env or ConfigMap value that carries a credential', () => {
    const credentialed = `apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
data:
  CACHE_URL: redis://cache:6379
  QUEUE_URL: amqp://app:cm-pw-never-copied@rabbit/
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: busybox
          envFrom:
            - configMapRef:
                name: conf
          env:
            - name: DATABASE_URL
              value: postgres://u:env-pw-never-copied@db
            - name: MODE
              value: plain
`;
    const mirrored = composeFromManifest(credentialed, 'api');
    for (const text of [mirrored.compose, mirrored.env]) {
      expect(text).not.toContain('cm-pw-never-copied');
      expect(text).not.toContain('env-pw-never-copied');
    }
    expect(mirrored.secretVariables.sort()).toEqual(['DATABASE_URL', 'QUEUE_URL']);
    expect(mirrored.env).toMatch(/# the value of DATABASE_URL in the release \(its value looks like a credential: a password in a URL, or a token\)\nDATABASE_URL=\n/);
    expect(mirrored.env).toMatch(/# ConfigMap conf key QUEUE_URL \(its value looks like a credential[^)]*\)\nQUEUE_URL=\n/);
    expect(mirrored.compose).toMatch(/CACHE_URL: redis:\/\/cache:6379/);
    expect(mirrored.compose).toMatch(/MODE: plain/);
  });

  it('converts Kubernetes quantities to compose limits', () => {
    expect(memoryOf('256Mi')).toBe('256m');
    expect(memoryOf('1Gi')).toBe('1024m');
    expect(memoryOf('1G')).toBe('954m');
    expect(memoryOf('lots')).toBeNull();
    expect(cpusOf('250m')).toBe(0.25);
    expect(cpusOf(2)).toBe(2);
  });
});
