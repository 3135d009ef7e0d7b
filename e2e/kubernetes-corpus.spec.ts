import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubeApply } from '../main/core/families/kubernetes/kube-write-tools';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { type CorpusFile, corpusFiles, corpusProblem, corpusSets, secretValues } from './fixtures/manifest-corpus';
import { classifyRefusal, RefusalClass, type RefusalClassName, servedKinds } from './fixtures/refusal-classes';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { textTable } from './fixtures/text-table';

// Real-world manifests (../shared/corpora/k8s) through the product's own path: kubernetes.apply's
// preview, which is the API server's dry run. Every file, and every document of it on its own,
// gets either the server's result or a reason; the figures say how much of the corpus a person
// could apply as it is, and why the rest is refused.

const { cluster, problem } = testCluster();
const WORKERS = 8;
const prefix = `reign-corpus-${Math.random().toString(36).slice(2, 8)}`;
// Dry runs create nothing, so one namespace per worker is as fresh as one per file.
const namespaces = Array.from({ length: WORKERS }, (_, index) => `${prefix}-${index}`);
// What the preview says before the reason: the server's refusal, or a manifest Reign could not read.
const REFUSED = /^(The server refused the manifest in a dry run, so it would fail|The manifest cannot be applied): /;
/** Measured 19 of 24 (the five refused need Prometheus' CRDs or namespaces of their own); a little below, so a regression shows. */
const CURRENT_EXAMPLES_FLOOR = 18;

interface Outcome {
  readonly file: CorpusFile;
  /** Null: the whole file as one manifest; otherwise the index of the document previewed alone. */
  readonly document: number | null;
  readonly manifest: string;
  readonly accepted: boolean;
  readonly reason: string | null;
  readonly refusal: RefusalClassName | null;
  /** Everything the preview shows a person. */
  readonly shown: string;
  readonly after: string | null;
  /** Set when the preview threw instead of answering. */
  readonly threw: string | null;
}

let ctx: ToolContext;
let outcomes: Outcome[] = [];
let seconds = 0;

async function preview(file: CorpusFile, document: number | null, manifest: string, namespace: string, kinds: Awaited<ReturnType<typeof servedKinds>>): Promise<Outcome> {
  const base = { file, document, manifest, after: null, threw: null };
  const input = kubeApply.input.safeParse({ manifest, namespace });
  if (!input.success) {
    const reason = input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    return { ...base, accepted: false, reason, refusal: classifyRefusal(reason, manifest, kinds), shown: reason };
  }
  try {
    const result = await kubeApply.preview({ input: input.data, ctx });
    const shown = JSON.stringify(result);
    if (result.kind === 'file') return { ...base, accepted: true, reason: null, refusal: null, shown, after: result.after };
    const reason = result.kind === 'text' ? result.text.replace(REFUSED, '') : shown;
    return { ...base, accepted: false, reason, refusal: classifyRefusal(reason, manifest, kinds), shown };
  } catch (error) {
    return { ...base, accepted: false, reason: null, refusal: null, shown: String(error), threw: (error as Error).stack ?? String(error) };
  }
}

/** Eight previews at a time: each worker takes the next manifest and previews it in its own namespace. */
async function previewCorpus(): Promise<Outcome[]> {
  const kinds = await servedKinds(cluster!);
  const jobs = corpusFiles().flatMap((file) => [{ file, document: null as number | null, manifest: file.text }, ...file.documents.map((manifest, document) => ({ file, document, manifest }))]);
  const results: Outcome[] = [];
  let next = 0;
  await Promise.all(
    namespaces.map(async (namespace) => {
      for (let job = jobs[next++]; job; job = jobs[next++]) results.push(await preview(job.file, job.document, job.manifest, namespace, kinds));
    }),
  );
  return results;
}

beforeAll(async () => {
  if (!cluster || corpusProblem()) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-corpus-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await Promise.all(namespaces.map((name) => clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })));
  const started = Date.now();
  outcomes = await previewCorpus();
  seconds = (Date.now() - started) / 1000;
}, 120_000);

afterAll(async () => {
  if (cluster) await Promise.all(namespaces.map((name) => clusterApi(cluster, `/api/v1/namespaces/${name}`, { method: 'DELETE' }).catch(() => undefined)));
});

const columns = [
  { title: 'examples', test: (file: CorpusFile) => file.set === 'kubernetes-examples' && !file.path.startsWith('_archived/') },
  { title: 'examples/_archived', test: (file: CorpusFile) => file.set === 'kubernetes-examples' && file.path.startsWith('_archived/') },
  ...corpusSets.slice(1).map((set) => ({ title: set, test: (file: CorpusFile) => file.set === set })),
  { title: 'all', test: () => true },
];
const wholeFiles = (): Outcome[] => outcomes.filter((outcome) => outcome.document === null);
const fileOf = (set: string, path: string): Outcome => wholeFiles().find((outcome) => outcome.file.set === set && outcome.file.path === path)!;

function figures(): string {
  const count = (test: (file: CorpusFile) => boolean, document: boolean, filter: (outcome: Outcome) => boolean) => outcomes.filter((outcome) => test(outcome.file) && (outcome.document !== null) === document && filter(outcome)).length;
  const pair = (test: (file: CorpusFile) => boolean, filter: (outcome: Outcome) => boolean) => `${count(test, false, filter)} / ${count(test, true, filter)}`;
  const rows: (string | number)[][] = [
    ['in the set', ...columns.map((column) => pair(column.test, () => true))],
    ['accepted', ...columns.map((column) => pair(column.test, (outcome) => outcome.accepted))],
  ];
  const classes = Object.values(RefusalClass).filter((name) => outcomes.some((outcome) => outcome.refusal === name));
  for (const name of classes) rows.push([`refused: ${name}`, ...columns.map((column) => pair(column.test, (outcome) => outcome.refusal === name))]);
  const examples = classes.map((name) => {
    const example = outcomes.find((outcome) => outcome.refusal === name)!;
    return `  ${name}: ${example.file.set}/${example.file.path}: ${example.reason!.split('\n')[0]!.slice(0, 140)}`;
  });
  const controllers = outcomes.filter((outcome) => outcome.document !== null && /^kind:\s*ReplicationController\s*$/m.test(outcome.manifest));
  return [
    `Manifest corpus through kubernetes.apply's preview (the server's dry run, Kubernetes 1.34.4): ${wholeFiles().length} files, ${outcomes.length - wholeFiles().length} documents, ${WORKERS} at a time, ${seconds.toFixed(1)} s`,
    textTable(['files / documents', ...columns.map((column) => column.title)], rows),
    `ReplicationController documents accepted: ${controllers.filter((outcome) => outcome.accepted).length} of ${controllers.length}`,
    'One example per reason:',
    ...examples,
  ].join('\n');
}

describe('the Kubernetes manifest corpus against a real API server', () => {
  it('previews every file and every document, and prints the figures: accepted per set, refusals by reason', (context) => {
    requireInfrastructure(context, problem ?? corpusProblem(), 'The Kubernetes test cluster and the manifest corpus');
    console.log(figures());
    const files = corpusFiles();
    expect(wholeFiles()).toHaveLength(files.length);
    expect(outcomes).toHaveLength(files.length + files.reduce((sum, file) => sum + file.documents.length, 0));
    // Every refusal carries the product's reason, sorted into a class a person can act on.
    expect(outcomes.filter((outcome) => !outcome.accepted && !outcome.threw && !outcome.reason?.trim())).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.refusal === RefusalClass.other).map((outcome) => `${outcome.file.path}: ${outcome.reason}`)).toEqual([]);
  });

  it('accepts every valid kubeconform fixture and refuses every invalid one with a reason', (context) => {
    requireInfrastructure(context, problem ?? corpusProblem(), 'The Kubernetes test cluster and the manifest corpus');
    const fixtures = wholeFiles().filter((outcome) => outcome.file.set === 'kubeconform-fixtures');
    const valid = fixtures.filter((outcome) => basename(outcome.file.path).startsWith('valid'));
    const invalid = fixtures.filter((outcome) => basename(outcome.file.path).includes('invalid'));
    expect(valid.map((outcome) => outcome.file.path).sort()).toEqual(['folder/valid.yaml', 'valid.yaml']);
    for (const outcome of valid) expect(outcome, outcome.reason ?? '').toMatchObject({ accepted: true, after: expect.stringMatching(/kind: ReplicationController[\s\S]*replicas: 2/) });
    expect(invalid.length).toBeGreaterThanOrEqual(2);
    for (const outcome of invalid) expect(outcome).toMatchObject({ accepted: false, threw: null, shown: expect.stringMatching(/"text":"(The server refused the manifest in a dry run, so it would fail|The manifest cannot be applied): /), reason: expect.stringMatching(/\S{10}/) });
  });

  it('answers every manifest with a preview or a reason: none makes the preview throw, and YAML that does not parse gets the parser\'s words', (context) => {
    requireInfrastructure(context, problem ?? corpusProblem(), 'The Kubernetes test cluster and the manifest corpus');
    expect(outcomes.filter((outcome) => outcome.threw).map((outcome) => `${outcome.file.set}/${outcome.file.path}: ${outcome.threw}`)).toEqual([]);
    const unparsed = wholeFiles().filter((outcome) => outcome.refusal === RefusalClass.yaml || outcome.refusal === RefusalClass.duplicateKey);
    for (const outcome of unparsed) expect(outcome.reason).toMatch(/^document \d+ of the manifest is not valid YAML: .+ at line \d+, column \d+/);
    // The Helm chart's templates are Go templates: refused by the parser, each naming its document and line.
    const templates = wholeFiles().filter((outcome) => outcome.file.set === 'microservices-demo' && outcome.file.path.startsWith('helm-chart/templates/'));
    expect(templates.length).toBeGreaterThan(0);
    for (const outcome of templates) expect(outcome).toMatchObject({ accepted: false, refusal: RefusalClass.template, reason: expect.stringMatching(/^document \d+ of the manifest is not valid YAML: .+ at line \d+/) });
  });

  it(`accepts at least ${CURRENT_EXAMPLES_FLOOR} of kubernetes/examples' current (not archived) files as they are`, (context) => {
    requireInfrastructure(context, problem ?? corpusProblem(), 'The Kubernetes test cluster and the manifest corpus');
    const current = wholeFiles().filter((outcome) => columns[0]!.test(outcome.file));
    expect(current.length).toBeGreaterThan(CURRENT_EXAMPLES_FLOOR);
    expect(current.filter((outcome) => outcome.accepted).length).toBeGreaterThanOrEqual(CURRENT_EXAMPLES_FLOOR);
    // Applied as they are, the guestbook's Deployment and Service come back with the server's defaults.
    expect(fileOf('kubernetes-examples', 'web/guestbook/frontend-deployment.yaml')).toMatchObject({ accepted: true, after: expect.stringMatching(/progressDeadlineSeconds: 600/) });
  });

  it('never shows a Secret\'s values: an accepted Secret is previewed with sizes only, and no refusal quotes a value', (context) => {
    requireInfrastructure(context, problem ?? corpusProblem(), 'The Kubernetes test cluster and the manifest corpus');
    const chap = fileOf('kubernetes-examples', '_archived/volumes/iscsi/chap-secret.yaml');
    const values = secretValues(chap.file.text);
    expect(values).toContain('cGFzc3dvcmQ='); // node.session.auth.password: "password"
    expect(chap, chap.reason ?? '').toMatchObject({ accepted: true, after: expect.stringMatching(/node\.session\.auth\.password: "?\[REDACTED 8 bytes\]/) });
    for (const value of values) expect(chap.shown).not.toContain(value);

    const withSecrets = outcomes.filter((outcome) => secretValues(outcome.manifest).length);
    expect(withSecrets.length).toBeGreaterThan(3);
    for (const outcome of withSecrets) for (const value of secretValues(outcome.manifest)) expect(outcome.shown, `${outcome.file.path} shows a Secret value`).not.toContain(value);
    // And structurally: in every accepted preview, each Secret value is a size, whatever its encoding.
    for (const outcome of withSecrets.filter((candidate) => candidate.accepted)) {
      for (const document of parseAllDocuments(outcome.after!)) {
        const object = document.toJS() as { kind?: string; data?: Record<string, string> } | null;
        if (object?.kind === 'Secret') for (const value of Object.values(object.data ?? {})) expect(value).toMatch(/^\[REDACTED \d+ bytes\]$/);
      }
    }
  });
});
