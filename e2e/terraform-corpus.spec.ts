import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import {
  copyRepo,
  corpusRepos,
  corpusSources,
  errorsOf,
  inPool,
  moduleFolders,
  providerMirror,
  providersDeclared,
  providersFromTree,
  runTerraform,
  type TerraformCorpusFile,
  terraformCorpusFiles,
  terraformCorpusProblem,
  terraformCorpusRoot,
} from './fixtures/terraform-corpus';
import { textTable } from './fixtures/text-table';

// Real-world Terraform (../shared/corpora/terraform) through the real binary: every file gets
// `terraform fmt -check -write=false`, which parses it (a file that does not parse is reported with
// terraform's reason and line) and says whether it is canonically formatted. Then each module
// folder is validated where every provider it needs is in the test mirror built by
// .ci/peers/terraform-providers.sh (read from the mirror folder, so the figures follow it); the
// others are counted by the provider missing, or the version init wanted that the mirror lacks.
// Work happens in copies: the corpus is never written to.

/** Four fmt runs at a time (each is a few milliseconds of one core); init and validate two at a time. */
const FMT_JOBS = 4;
const INIT_JOBS = 2;
const BROKEN_ON_PURPOSE = { repo: 'learn-terraform-troubleshooting', path: 'main.tf' };

type FileStatus = 'clean' | 'not formatted' | 'parse failed';
interface FileOutcome {
  readonly file: TerraformCorpusFile;
  readonly status: FileStatus;
  /** terraform's errors with the line they name, for a file that does not parse. */
  readonly errors: readonly string[];
}

type FolderStatus = 'valid' | 'invalid' | 'provider not available' | 'version not available' | 'module not available' | 'does not parse' | 'init failed';
interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly where: string | null;
}
interface FolderOutcome {
  readonly repo: string;
  readonly path: string;
  readonly status: FolderStatus;
  readonly providers: readonly string[];
  /** Where the provider list comes from: terraform itself, or the files when terraform cannot say (a module not downloadable here, a `cloud` block). */
  readonly providersFrom: 'terraform providers' | 'configuration';
  readonly missingProviders: readonly string[];
  /** Providers the mirror holds, but at no version the configuration accepts (init's answer): the constraint it wants. */
  readonly unmatchedVersions: readonly { readonly provider: string; readonly constraint: string }[];
  /** Why init (or module installation) failed, when it did. */
  readonly problems: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

const corpusProblem = terraformCorpusProblem();
const { mirror, problem: mirrorProblem } = providerMirror();
const files = corpusProblem ? [] : terraformCorpusFiles();
let terraformProblem: string | null = null;
let fileOutcomes: FileOutcome[] = [];
let folderOutcomes: FolderOutcome[] = [];
let work: string | null = null;
const seconds = { fmt: 0, folders: 0 };

// Nothing from the user's ~/.terraformrc and no update check: an empty CLI config for fmt, get and
// providers; the mirror's config (which allows nothing from the network) for init and validate.
const emptyConfig = join(mkdtempSync(join(tmpdir(), 'reign-tf-corpus-config-')), 'empty.tfrc');
writeFileSync(emptyConfig, '');
const baseEnv = { PATH: process.env.PATH, HOME: tmpdir(), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
const offlineEnv = { ...baseEnv, TF_CLI_CONFIG_FILE: emptyConfig };
const mirrorEnv = { ...baseEnv, TF_CLI_CONFIG_FILE: mirror?.config ?? emptyConfig };

async function checkFile(file: TerraformCorpusFile): Promise<FileOutcome> {
  // fmt takes only .tf and .tfvars names; a .tfvars.example is the same syntax, given on stdin.
  const stdin = file.path.endsWith('.example');
  const result = stdin
    ? await runTerraform(tmpdir(), ['fmt', '-check', '-no-color', '-'], offlineEnv, readFileSync(file.absolute, 'utf8'))
    : await runTerraform(dirname(file.absolute), ['fmt', '-check', '-write=false', '-list=false', '-no-color', basename(file.absolute)], offlineEnv);
  if (result.code === 0) return { file, status: 'clean', errors: [] };
  if (result.code === 3) return { file, status: 'not formatted', errors: [] };
  const errors = errorsOf(result.stderr);
  return { file, status: 'parse failed', errors: errors.length ? errors : [result.stderr.trim() || `terraform fmt exited with ${result.code}`] };
}

/**
 * What init says when the mirror holds a provider only at versions the configuration rules out
 * (`version = "~> 3.0.2"` against a mirror of 4.6.0): which provider, and the constraint it wants.
 * terraform wraps its message at 80 columns, so whitespace is joined first.
 */
function versionsNotInMirror(stderr: string): { provider: string; constraint: string }[] {
  const text = stderr.replace(/\s+/g, ' ');
  return [...text.matchAll(/available versions for provider (\S+): no available releases match the given constraints (.+?)(?= To see | Error: |$)/g)].map((match) => ({ provider: match[1]!, constraint: match[2]!.trim() }));
}

async function checkFolder(work: string, folder: { repo: string; path: string }): Promise<FolderOutcome> {
  const dir = join(work, folder.repo, folder.path);
  const base = { ...folder, providers: [] as string[], providersFrom: 'terraform providers' as const, missingProviders: [] as string[], unmatchedVersions: [] as { provider: string; constraint: string }[], problems: [] as string[], diagnostics: [] as Diagnostic[] };
  const unparsed = fileOutcomes.filter((outcome) => outcome.file.repo === folder.repo && dirname(outcome.file.path) === folder.path && outcome.status === 'parse failed');
  if (unparsed.length) return { ...base, status: 'does not parse', problems: unparsed.flatMap((outcome) => outcome.errors.map((error) => `${outcome.file.path}: ${error}`)) };
  // Local modules resolve offline; registry modules cannot be downloaded here, and get says which.
  const modules = await runTerraform(dir, ['get', '-no-color'], offlineEnv);
  const tree = await runTerraform(dir, ['providers', '-no-color'], offlineEnv);
  const fromTerraform = tree.code === 0;
  const providers = fromTerraform ? providersFromTree(tree.stdout) : providersDeclared(dir);
  const missingProviders = providers.filter((name) => !mirror?.available.has(name));
  const known = { ...base, providers, providersFrom: fromTerraform ? ('terraform providers' as const) : ('configuration' as const), missingProviders };
  if (missingProviders.length) return { ...known, status: 'provider not available' };
  if (modules.code !== 0) return { ...known, status: 'module not available', problems: errorsOf(modules.stderr) };
  const init = await runTerraform(dir, ['init', '-backend=false', '-input=false', '-no-color'], mirrorEnv);
  const unmatchedVersions = versionsNotInMirror(init.stderr);
  if (init.code !== 0 && unmatchedVersions.length) return { ...known, status: 'version not available', unmatchedVersions, problems: unmatchedVersions.map(({ provider, constraint }) => `${provider}: wants ${constraint}, the mirror has ${mirror?.available.get(provider)}`) };
  if (init.code !== 0) return { ...known, status: 'init failed', problems: errorsOf(init.stderr) };
  const validate = await runTerraform(dir, ['validate', '-json', '-no-color'], mirrorEnv);
  const report = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { severity: string; summary: string; range?: { filename: string; start: { line: number } } }[] };
  const diagnostics = report.diagnostics.map((diagnostic) => ({ severity: diagnostic.severity, summary: diagnostic.summary, where: diagnostic.range ? `${diagnostic.range.filename}:${diagnostic.range.start.line}` : null }));
  return { ...known, status: report.valid ? 'valid' : 'invalid', diagnostics };
}

beforeAll(async () => {
  if (corpusProblem) return;
  const version = await runTerraform(tmpdir(), ['version', '-json'], offlineEnv);
  if (version.code !== 0) {
    terraformProblem = `terraform does not run here: ${version.stderr.trim() || 'not on PATH'}`;
    return;
  }
  let started = Date.now();
  fileOutcomes = await inPool(files, FMT_JOBS, checkFile);
  seconds.fmt = (Date.now() - started) / 1000;
  // Copies of the repositories, so init's .terraform/ and lock files land outside the corpus, and
  // examples that call `../../` still find their module.
  const copies = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-corpus-')));
  work = copies;
  for (const repo of corpusRepos()) copyRepo(repo, copies);
  started = Date.now();
  folderOutcomes = await inPool(moduleFolders(files), INIT_JOBS, (folder) => checkFolder(copies, folder));
  seconds.folders = (Date.now() - started) / 1000;
}, 180_000);

// init copies each provider binary into .terraform/ (the kubernetes one is large): nothing stays behind.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  rmSync(dirname(emptyConfig), { recursive: true, force: true });
});

const folderStatuses: FolderStatus[] = ['valid', 'invalid', 'provider not available', 'version not available', 'module not available', 'does not parse', 'init failed'];

function figures(): string {
  const repos = corpusRepos();
  const fileCount = (repo: string | null, status?: FileStatus) => fileOutcomes.filter((outcome) => (repo === null || outcome.file.repo === repo) && (!status || outcome.status === status)).length;
  const folderCount = (repo: string | null, status?: FolderStatus) => folderOutcomes.filter((outcome) => (repo === null || outcome.repo === repo) && (!status || outcome.status === status)).length;
  const row = (repo: string | null) => [repo ?? 'all', fileCount(repo), fileCount(repo, 'clean'), fileCount(repo, 'not formatted'), fileCount(repo, 'parse failed'), folderCount(repo), ...folderStatuses.map((status) => folderCount(repo, status))];
  const sources = corpusSources();
  const absent = sources.filter((source) => !repos.includes(source.folder));
  const missingByProvider = new Map<string, number>();
  for (const outcome of folderOutcomes) for (const name of outcome.missingProviders) missingByProvider.set(name, (missingByProvider.get(name) ?? 0) + 1);
  const validated = folderOutcomes.filter((outcome) => outcome.status === 'valid' || outcome.status === 'invalid');
  return [
    `Terraform corpus (${terraformCorpusRoot}): ${repos.length} repositories, ${files.length} files; fmt -check and parse in ${seconds.fmt.toFixed(1)} s (${FMT_JOBS} at a time), ${folderOutcomes.length} module folders in ${seconds.folders.toFixed(1)} s (${INIT_JOBS} at a time)`,
    absent.length ? `SOURCES.tsv lists ${sources.length} repositories (${sources.reduce((sum, source) => sum + source.files, 0)} files); not in the corpus folder: ${absent.map((source) => source.folder).join(', ')}` : `SOURCES.tsv: all ${sources.length} repositories present`,
    textTable(['repository', 'files', 'fmt clean', 'not formatted', 'parse failed', 'folders', ...folderStatuses], [...repos.map(row), row(null)]),
    'Files that do not parse:',
    ...fileOutcomes.filter((outcome) => outcome.status === 'parse failed').map((outcome) => `  ${outcome.file.repo}/${outcome.file.path}: ${outcome.errors.join('; ')}`),
    `Not canonically formatted: ${fileOutcomes.filter((outcome) => outcome.status === 'not formatted').map((outcome) => `${outcome.file.repo}/${outcome.file.path}`).join(', ') || 'none'}`,
    `Providers in the mirror: ${mirror ? [...mirror.available].map(([name, version]) => `${name} ${version}`).join(', ') : `none (${mirrorProblem})`}`,
    `Folders whose providers are not available here, by provider: ${[...missingByProvider].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name} ${count}`).join(', ') || 'none'}`,
    ...folderOutcomes.filter((outcome) => outcome.status === 'version not available' || outcome.status === 'module not available' || outcome.status === 'init failed').map((outcome) => `  ${outcome.status}: ${outcome.repo}/${outcome.path}: ${outcome.problems.join('; ')}`),
    'Validated:',
    ...validated.map((outcome) => `  ${outcome.repo}/${outcome.path} (${outcome.providers.join(', ')}): ${outcome.status}${outcome.diagnostics.length ? ` — ${outcome.diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.summary}${diagnostic.where ? ` at ${diagnostic.where}` : ''}`).join('; ')}` : ''}`),
  ].join('\n');
}

const ready = (context: Parameters<typeof requireInfrastructure>[0]): void => {
  requireInfrastructure(context, corpusProblem, 'The Terraform corpus');
  requireInfrastructure(context, terraformProblem, 'The terraform binary');
};

describe('the Terraform corpus through the real terraform binary', () => {
  it('formats and parses every file, and prints the figures', (context) => {
    ready(context);
    console.log(figures());
    // Every file has exactly one answer, and the answers add up to the files in the corpus.
    expect(fileOutcomes.map((outcome) => outcome.file.absolute)).toEqual(files.map((file) => file.absolute));
    const counts = Object.fromEntries((['clean', 'not formatted', 'parse failed'] as const).map((status) => [status, fileOutcomes.filter((outcome) => outcome.status === status).length]));
    expect(counts.clean! + counts['not formatted']! + counts['parse failed']!).toBe(files.length);
    expect(counts.clean).toBeGreaterThan(counts['not formatted']!);
  });

  it('reports the troubleshooting tutorial\'s broken main.tf as a parse failure with its line, and parses every other file', (context) => {
    ready(context);
    const failed = fileOutcomes.filter((outcome) => outcome.status === 'parse failed');
    expect(failed.map((outcome) => `${outcome.file.repo}/${outcome.file.path}`)).toEqual([`${BROKEN_ON_PURPOSE.repo}/${BROKEN_ON_PURPOSE.path}`]);
    // The tutorial's `Name = $var.name-learn`: terraform's own words and the line it names.
    expect(failed[0]!.errors).toEqual(['Invalid character (main.tf line 52)', 'Invalid expression (main.tf line 52)']);
    expect(folderOutcomes.find((outcome) => outcome.repo === BROKEN_ON_PURPOSE.repo && outcome.path === '.')).toMatchObject({ status: 'does not parse', problems: [expect.stringContaining('main.tf: Invalid character (main.tf line 52)'), expect.any(String)] });
  });

  it('holds every file SOURCES.tsv counts for each repository present', (context) => {
    ready(context);
    const sources = new Map(corpusSources().map((source) => [source.folder, source.files]));
    const present = Object.fromEntries(corpusRepos().map((repo) => [repo, files.filter((file) => file.repo === repo).length]));
    expect(present).toEqual(Object.fromEntries(corpusRepos().map((repo) => [repo, sources.get(repo)])));
  });

  it('validates every module folder whose providers are all in the test mirror, and names the missing provider for the rest', (context) => {
    ready(context);
    requireInfrastructure(context, mirrorProblem, 'The Terraform provider mirror (.ci/peers/terraform-providers.sh env)');
    expect(folderOutcomes.map((outcome) => `${outcome.repo}/${outcome.path}`)).toEqual(moduleFolders(files).map((folder) => `${folder.repo}/${folder.path}`));
    // A folder whose providers are all built must get validate's answer, not an init failure.
    expect(folderOutcomes.filter((outcome) => outcome.status === 'init failed').map((outcome) => `${outcome.repo}/${outcome.path}: ${outcome.problems.join('; ')}`)).toEqual([]);
    const validated = folderOutcomes.filter((outcome) => outcome.status === 'valid' || outcome.status === 'invalid');
    expect(validated.length).toBeGreaterThanOrEqual(1);
    for (const outcome of validated) {
      expect(outcome.providers.every((name) => mirror!.available.has(name)), `${outcome.repo}/${outcome.path}`).toBe(true);
      // An invalid folder says why, on the line it means.
      if (outcome.status === 'invalid') expect(outcome.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.summary && diagnostic.where), `${outcome.repo}/${outcome.path}`).not.toEqual([]);
    }
    for (const outcome of folderOutcomes.filter((candidate) => candidate.status === 'provider not available')) {
      expect(outcome.missingProviders.length, `${outcome.repo}/${outcome.path}`).toBeGreaterThan(0);
      expect(outcome.missingProviders.some((name) => mirror!.available.has(name))).toBe(false);
    }
    // A folder init turned away for a version: the provider is in the mirror, at another version.
    for (const outcome of folderOutcomes.filter((candidate) => candidate.status === 'version not available')) {
      expect(outcome.unmatchedVersions.length, `${outcome.repo}/${outcome.path}`).toBeGreaterThan(0);
      for (const { provider } of outcome.unmatchedVersions) expect(outcome.providers.includes(provider) && mirror!.available.has(provider), `${outcome.repo}/${outcome.path}: ${provider}`).toBe(true);
    }
    // The import tutorial needs kreuzwerker/docker ~> 3.0.2 (>= 3.0.2, < 3.1): validated when the mirror holds such a version, else turned away for it.
    const docker = mirror!.available.get('kreuzwerker/docker');
    const dockerImport = folderOutcomes.find((outcome) => outcome.repo === 'learn-terraform-import' && outcome.path === '.');
    if (docker && /^3\.0\.([2-9]|\d{2,})$/.test(docker)) expect(dockerImport?.status).toMatch(/^(valid|invalid)$/);
    else if (docker) expect(dockerImport).toMatchObject({ status: 'version not available', unmatchedVersions: [{ provider: 'kreuzwerker/docker', constraint: '~> 3.0.2' }] });
    else expect(dockerImport).toMatchObject({ status: 'provider not available', missingProviders: ['kreuzwerker/docker'] });
    // The kubernetes provider tutorial needs only hashicorp/kubernetes, which the mirror holds.
    if (mirror!.available.has('hashicorp/kubernetes')) expect(validated.map((outcome) => outcome.repo)).toContain('learn-terraform-deploy-nginx-kubernetes-provider');
  });

  it('leaves the corpus as it was: init ran in copies', (context) => {
    ready(context);
    const written = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (/^\.terraform/.test(entry.name) ? [join(folder, entry.name)] : entry.isDirectory() ? written(join(folder, entry.name)) : []));
    expect(written(terraformCorpusRoot)).toEqual([]);
    expect(existsSync(join(terraformCorpusRoot, BROKEN_ON_PURPOSE.repo, '.terraform.lock.hcl'))).toBe(false);
  });
});
