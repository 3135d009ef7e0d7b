import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlSchemas } from './yaml-schemas';

// The bundled schemas judge real files as an editor user would see them: Reign's own compose
// templates are clean, and the mistakes people make are reported.

const ajv = new Ajv({ strict: false, allErrors: true });
const check = (kind: keyof typeof yamlSchemas, text: string) => {
  const validate = ajv.compile(yamlSchemas[kind]);
  return validate(parse(text)) ? [] : validate.errors!.map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
};

const templates = resolve(import.meta.dirname, '../../../../templates/compose');

describe('compose schema', () => {
  it.each(readdirSync(templates).filter((file) => file.endsWith('.yaml')))('accepts the %s template', (file) => {
    expect(check('compose', readFileSync(join(templates, file), 'utf8'))).toEqual([]);
  });

  it('accepts current Compose keys and extension fields', () => {
    const text = 'name: shop\ninclude: [other.yaml]\nx-common: &c {a: 1}\nservices:\n  web:\n    image: nginx\n    develop: {watch: []}\n    depends_on: {db: {condition: service_healthy, required: false}}\n    x-note: hi\n  db:\n';
    expect(check('compose', text)).toEqual([]);
  });

  it('reports an unknown service key and a wrong type', () => {
    const problems = check('compose', 'services:\n  web:\n    image: 1\n    restrat: always\n');
    expect(problems.some((problem) => problem.includes('/services/web/image must be string'))).toBe(true);
    expect(problems.some((problem) => problem.includes('"additionalProperty":"restrat"'))).toBe(true);
  });

  it('reports a restart policy Docker does not know', () => {
    expect(check('compose', 'services:\n  web:\n    image: a\n    restart: sometimes\n').join()).toMatch(/\/services\/web\/restart must match/);
  });
});

describe('GitHub workflow schema', () => {
  const workflow = 'name: CI\non:\n  push:\n    branches: [main]\n  workflow_dispatch:\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n        env:\n          CI: true\n';
  it('accepts a usual workflow', () => {
    expect(check('github-workflow', workflow)).toEqual([]);
  });
  it('reports a job without runs-on and a misspelt event', () => {
    expect(check('github-workflow', 'on: pushh\njobs:\n  a:\n    steps: [{run: x}]\n').length).toBeGreaterThan(0);
    expect(check('github-workflow', workflow.replace('runs-on', 'runs_on')).join()).toMatch(/runs-on/);
  });
});

describe('Kubernetes schema', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports: [{containerPort: 80}]\n          resources: {limits: {memory: 128Mi, cpu: 500m}}\n';
  it('accepts a usual Deployment and a custom resource', () => {
    expect(check('kubernetes', deployment)).toEqual([]);
    expect(check('kubernetes', 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: a}\nspec: {secretName: a}\n')).toEqual([]);
  });
  it('reports a container without a name, a bad port and a missing metadata name', () => {
    expect(check('kubernetes', deployment.replace('- name: web\n          image', '- image')).join()).toMatch(/must have required property 'name'/);
    expect(check('kubernetes', deployment.replace('containerPort: 80', 'containerPort: 99999')).join()).toMatch(/containerPort must be <= 65535/);
    expect(check('kubernetes', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n').join()).toMatch(/required property 'name'/);
  });
});
