import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { copyTerraformTemplate, hclValue, maskHcl, renderTerraformTemplate, terraformTemplate, terraformTemplates, terraformTemplatesRoot, topLevelBlocks, variableReferences } from './terraform-templates';

// The module library's promises, checked with the real terraform binary where it can check them:
// formatting, the variables' types and validation rules, and terraform.tfvars as rendered.
// The aws, azurerm and google providers cannot be downloaded or built on these machines, so
// `terraform validate` (which needs their schemas) cannot run on the modules; what can be checked
// without a provider is checked here, from the module's own text.

const run = promisify(execFile);
const root = terraformTemplatesRoot();
const templates = terraformTemplates();
const ids = templates.map((template) => template.id);
const providerOf = { aws: 'hashicorp/aws', azure: 'hashicorp/azurerm', gcp: 'hashicorp/google' } as const;

/** Null when terraform runs here; otherwise why the checks that need it cannot. */
const terraformProblem = ((): string | null => {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    return `terraform is not on PATH (${(error as Error).message.split('\n')[0]})`;
  }
})();
const cliConfig = join(mkdtempSync(join(tmpdir(), 'reign-tf-templates-')), 'empty.tfrc');
writeFileSync(cliConfig, '');
// An empty CLI config: nothing from the user's ~/.terraformrc, no update check, no provider needed.
const env = { PATH: process.env.PATH, HOME: tmpdir(), TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

async function terraform(cwd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run('terraform', args, { cwd, env, maxBuffer: 16 << 20 });
  if (input !== undefined) child.child.stdin!.end(input);
  return child.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof error.code === 'number' ? error.code : 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

/** A folder with only the template's variables.tf (which needs no provider) and the files given: enough for terraform to check values against the types and validation rules. */
function variablesOnly(id: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), `reign-tf-${id}-`));
  cpSync(join(root, id, 'variables.tf'), join(dir, 'variables.tf'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const readme = (id: string): string => readFileSync(join(root, id, 'README.md'), 'utf8');
/** The terraform.tfvars example in a README's Usage section. */
const readmeExample = (id: string): string => /```hcl\n# terraform\.tfvars\n([\s\S]*?)```/.exec(readme(id))?.[1] ?? '';
const moduleText = (id: string): string => ['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf'].map((name) => readFileSync(join(root, id, name), 'utf8')).join('\n');

describe('the Terraform module library (templates/terraform)', () => {
  it('lists the seeds\' targets, and templates.json matches the folders one to one', () => {
    expect([...ids].sort()).toEqual(['aws-eks', 'aws-networking', 'aws-rds', 'aws-vpc', 'azure-aks', 'azure-networking', 'azure-resource-group', 'gcp-gke', 'gcp-networking', 'gcp-project']);
    const folders = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());
    expect(folders.sort()).toEqual([...ids].sort());
    for (const template of templates) {
      expect(template.id.startsWith(`${template.cloud}-`), template.id).toBe(true);
      expect(template.title.length).toBeGreaterThan(5);
      expect(template.description.length).toBeGreaterThan(40);
    }
  });

  it.each(ids)('%s has the files of a module, pins its provider with a version constraint, and lists inputs and outputs', (id) => {
    const template = terraformTemplate(id);
    expect(template.files).toEqual(['README.md', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
    const terraformBlock = topLevelBlocks(readFileSync(join(root, id, 'versions.tf'), 'utf8')).find((block) => block.type === 'terraform')!;
    expect(terraformBlock.body).toMatch(/required_version\s*=\s*">= 1\.\d+\.\d+"/);
    const provider = new RegExp(`source\\s*=\\s*"${providerOf[template.cloud]}"\\s*\\n\\s*version\\s*=\\s*"[~>=<, \\d.]+"`);
    expect(terraformBlock.body).toMatch(provider);
    expect(template.variables.length).toBeGreaterThanOrEqual(3);
    expect(template.outputs.length).toBeGreaterThanOrEqual(3);
    for (const item of [...template.variables, ...template.outputs]) expect(item.description, `${id}: ${item.name} has no description`).toMatch(/\S{3}/);
    for (const variable of template.variables) expect(variable.type, `${id}: variable ${variable.name} has no type`).not.toBeNull();
  });

  it.each(ids)('%s declares every variable it uses and uses every variable it declares', (id) => {
    const template = terraformTemplate(id);
    const declared = template.variables.map((variable) => variable.name).sort();
    expect(variableReferences(moduleText(id))).toEqual(declared);
  });

  it.each(ids)('%s defines every local value it uses', (id) => {
    const text = moduleText(id);
    const defined = topLevelBlocks(text)
      .filter((block) => block.type === 'locals')
      .flatMap((block) => [...maskHcl(block.body, true).matchAll(/^ {2}([A-Za-z_][\w-]*)\s*=/gm)].map((match) => match[1]!));
    const used = [...new Set([...maskHcl(text, false).matchAll(/(?<![\w.])local\.([A-Za-z_][\w-]*)/g)].map((match) => match[1]!))];
    expect(used.filter((name) => !defined.includes(name))).toEqual([]);
  });

  it.each(ids)('%s keeps secrets out of its defaults and configuration', (id) => {
    const template = terraformTemplate(id);
    for (const variable of template.variables.filter((candidate) => /password|secret|token|private_key|api_key|access_key/i.test(candidate.name))) {
      expect(variable, `${id}: ${variable.name} must be sensitive and have no default`).toMatchObject({ sensitive: true, default: null });
    }
    // No credential written as a literal, and no provider credentials in the files.
    expect(maskHcl(moduleText(id), false)).not.toMatch(/\b(password|secret_key|access_key|client_secret|credentials)\s*=\s*"/i);
  });

  it.each(ids)('%s documents every input and output in its README', (id) => {
    const template = terraformTemplate(id);
    const text = readme(id);
    expect(text.startsWith(`# ${template.title}\n`)).toBe(true);
    for (const item of [...template.variables, ...template.outputs]) expect(text, `${id}: README misses ${item.name}`).toContain(`| \`${item.name}\` |`);
    expect(readmeExample(id)).toMatch(/=/);
  });

  it('passes terraform fmt -check, every file of every module', async (context) => {
    requireInfrastructure(context, terraformProblem, 'The terraform binary');
    const result = await terraform(root, ['fmt', '-check', '-recursive', '-list=true', '-no-color', '.']);
    expect({ code: result.code, unformatted: result.stdout.trim(), errors: result.stderr.trim() }).toEqual({ code: 0, unformatted: '', errors: '' });
  });

  it.for(ids)('%s: the README\'s terraform.tfvars is formatted and passes the module\'s types and validation rules', async (id, context) => {
    requireInfrastructure(context, terraformProblem, 'The terraform binary');
    const example = readmeExample(id);
    const formatted = await terraform(tmpdir(), ['fmt', '-no-color', '-'], example);
    expect(formatted.stdout).toBe(example);
    // Every required variable is in the example, so the plan needs no input.
    const plan = await terraform(variablesOnly(id, { 'terraform.tfvars': example }), ['plan', '-input=false', '-no-color']);
    expect(plan.stdout + plan.stderr).toMatch(/No changes/);
    expect(plan.code).toBe(0);
  });
});

describe('rendering a template', () => {
  it('writes the values given as terraform.tfvars that terraform reads back exactly, and names the required variables left', async (context) => {
    requireInfrastructure(context, terraformProblem, 'The terraform binary');
    const tags = { team: 'platform', 'cost-center': 'a "quoted" \\ back ${var.x} %{if y}', 'ünï': 'cödé' };
    const subnets = { app: { address_prefixes: ['10.10.1.0/24'], delegation: 'Microsoft.Web/serverFarms' } };
    const rendered = renderTerraformTemplate('azure-networking', { name: 'vnet-shop', tags, subnets, nat_gateway: false });
    expect(rendered.missing).toEqual(['resource_group_name', 'location']);
    const tfvars = rendered.files.find((file) => file.path === 'terraform.tfvars')!.content;
    expect(rendered.files.map((file) => file.path)).toEqual(['README.md', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf', 'terraform.tfvars']);
    expect(tfvars).toMatch(/^# resource_group_name = string \(Existing resource group to create the network in/m);
    expect((await terraform(tmpdir(), ['fmt', '-no-color', '-'], tfvars)).stdout).toBe(tfvars);
    // Applied in a module without resources, the values come back as outputs: nothing was lost or
    // turned into a template on the way, and the types' optional attributes got their defaults.
    const dir = variablesOnly('azure-networking', {
      'terraform.tfvars': `${tfvars}resource_group_name = "rg-shop"\nlocation            = "westeurope"\n`,
      'echo.tf': 'output "tags" {\n  value = var.tags\n}\n\noutput "subnets" {\n  value = var.subnets\n}\n\noutput "nat_gateway" {\n  value = var.nat_gateway\n}\n',
    });
    const applied = await terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(applied.code, applied.stderr).toBe(0);
    const outputs = JSON.parse((await terraform(dir, ['output', '-json'])).stdout) as Record<string, { value: unknown }>;
    expect(outputs.tags!.value).toEqual(tags);
    expect(outputs.subnets!.value).toEqual({ app: { address_prefixes: ['10.10.1.0/24'], delegation: 'Microsoft.Web/serverFarms', service_endpoints: [] } });
    expect(outputs.nat_gateway!.value).toBe(false);
  });

  it('refuses a value terraform would reject with the module\'s own words', async (context) => {
    requireInfrastructure(context, terraformProblem, 'The terraform binary');
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['aws-vpc', { region: 'eu-west-1', name: 'shop', nat_gateway: 'double' }, /nat_gateway must be one of none, single, per_az/],
      ['aws-vpc', { region: 'eu-west-1', name: 'shop', cidr_block: '10.0.0.0' }, /cidr_block must be an IPv4 CIDR from \/16 to \/24/],
      ['aws-vpc', { region: 'eu-west-1', name: 'shop', cidr_block: '10.0.0.0/8' }, /cidr_block must be an IPv4 CIDR from \/16 to \/24/],
      ['aws-rds', { region: 'eu-west-1', identifier: 'db', subnet_ids: ['subnet-1'], vpc_security_group_ids: ['sg-1'] }, /subnet_ids needs at least two subnets/],
      ['gcp-project', { project_id: 'shop-prod-4821', billing_account: '123' }, /billing_account must look like 012345-6789AB-CDEF01/],
      ['azure-resource-group', { name: 'rg-x', location: 'West Europe' }, /location must be an Azure region name in lower case/],
    ];
    for (const [id, values, message] of cases) {
      const tfvars = renderTerraformTemplate(id, values as never).files.find((file) => file.path === 'terraform.tfvars')!.content;
      const plan = await terraform(variablesOnly(id, { 'terraform.tfvars': tfvars }), ['plan', '-input=false', '-no-color']);
      expect(plan.code, id).not.toBe(0);
      expect(plan.stderr.replace(/\s+/g, ' '), id).toMatch(message);
    }
  });

  it('refuses unknown variables and values of the wrong type, naming them', () => {
    expect(() => renderTerraformTemplate('aws-vpc', { regoin: 'eu-west-1' })).toThrow(/The aws-vpc template has no variable regoin; its variables are region, name, cidr_block/);
    expect(() => renderTerraformTemplate('aws-vpc', { availability_zone_count: 'two' })).toThrow(/variable availability_zone_count \(number\) takes a number; got "two"/);
    expect(() => renderTerraformTemplate('aws-eks', { subnet_ids: 'subnet-1' })).toThrow(/subnet_ids \(list\(string\)\) takes a list/);
    expect(() => renderTerraformTemplate('gcp-k8s')).toThrow(/no Terraform template "gcp-k8s"; templates: aws-vpc, aws-networking/);
  });

  it('never writes a sensitive variable into a file, and says how to pass it', () => {
    const custom = mkdtempSync(join(tmpdir(), 'reign-tf-custom-'));
    mkdirSync(join(custom, 'db'));
    writeFileSync(join(custom, 'templates.json'), JSON.stringify([{ id: 'db', cloud: 'aws', title: 'DB', description: 'A database' }]));
    writeFileSync(join(custom, 'db', 'variables.tf'), 'variable "admin_password" {\n  description = "Password"\n  type        = string\n  sensitive   = true\n}\n');
    expect(terraformTemplate('db', custom).variables).toEqual([{ name: 'admin_password', type: 'string', description: 'Password', default: null, required: true, sensitive: true }]);
    let thrown = '';
    try {
      renderTerraformTemplate('db', { admin_password: 'hunter2-s3cret' }, custom);
    } catch (error) {
      thrown = (error as Error).message;
    }
    expect(thrown).toBe('admin_password is sensitive, so Reign does not write it into terraform.tfvars; set it in the environment as TF_VAR_admin_password instead.');
    expect(renderTerraformTemplate('db', {}, custom).missing).toEqual(['admin_password']);
  });

  it('refuses a catalogue that names a folder that is not there', () => {
    const custom = mkdtempSync(join(tmpdir(), 'reign-tf-custom-'));
    writeFileSync(join(custom, 'templates.json'), JSON.stringify([{ id: 'aws-gone', cloud: 'aws', title: 'Gone', description: 'Not here' }]));
    expect(() => terraformTemplates(custom)).toThrow(/lists "aws-gone", but there is no folder/);
    writeFileSync(join(custom, 'templates.json'), JSON.stringify([{ id: 'x', cloud: 'oracle', title: 'X', description: 'Y' }]));
    expect(() => terraformTemplates(custom)).toThrow(/is not a list of \{ id, cloud, title, description \}: 0\.cloud/);
  });

  it('writes HCL values that stay literal text', () => {
    expect(hclValue('${var.secret} and %{ if x }')).toBe('"$${var.secret} and %%{ if x }"');
    expect(hclValue({ 'kubernetes.io/role': 'x', plain: [1, true, null] })).toBe('{ "kubernetes.io/role" = "x", plain = [1, true, null] }');
    expect(() => hclValue(Number.NaN)).toThrow(/not a number Terraform can hold/);
  });
});

describe('copying a template into a workspace', () => {
  it('writes the module and terraform.tfvars into the folder, and will not copy over an existing one or leave the workspace', async () => {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-workspace-')));
    const copied = await copyTerraformTemplate({ template: 'azure-resource-group', workspace, folder: 'infra/rg', values: { name: 'rg-shop-dev', location: 'westeurope' } });
    expect(copied).toEqual({ folder: 'infra/rg', files: ['infra/rg/README.md', 'infra/rg/main.tf', 'infra/rg/outputs.tf', 'infra/rg/variables.tf', 'infra/rg/versions.tf', 'infra/rg/terraform.tfvars'], missing: [] });
    expect(readFileSync(join(workspace, 'infra/rg/main.tf'), 'utf8')).toBe(readFileSync(join(root, 'azure-resource-group', 'main.tf'), 'utf8'));
    expect(readFileSync(join(workspace, 'infra/rg/terraform.tfvars'), 'utf8')).toMatch(/^name {5}= "rg-shop-dev"\nlocation = "westeurope"$/m);
    await expect(copyTerraformTemplate({ template: 'aws-vpc', workspace, folder: 'infra/rg' })).rejects.toThrow('infra/rg/ already exists and is not empty; pick another folder for the aws-vpc template, or empty it first.');
    await expect(copyTerraformTemplate({ template: 'aws-vpc', workspace, folder: '../outside' })).rejects.toThrow(/outside the workspace/);
    expect(existsSync(join(workspace, '..', 'outside'))).toBe(false);
  });
});
