import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';
import { terraformMirror } from './fixtures/terraform-mirror';

// `reign terraform …` with the real terraform and real providers from the test mirror: plan saves
// a plan and says what it would change; apply runs exactly that saved plan only with approval, and
// refuses it once it is stale; destroy is a plan of its own, applied the same way. The state,
// import and workspace commands: reads print at once, changes wait for the approval their risk needs.

const { config, problem } = terraformMirror();

const configuration = (content: string) => `terraform {
  required_providers {
    random = { source = "hashicorp/random", version = "~> 3.6" }
    local  = { source = "hashicorp/local", version = "~> 2.5" }
  }
}
resource "random_pet" "name" {}
resource "local_file" "greeting" {
  filename = "\${path.module}/greeting.txt"
  content  = "${content} \${random_pet.name.id}"
}
output "name" { value = random_pet.name.id }
`;

describe('reign terraform', () => {
  it('plans to a saved file, applies exactly that plan with approval, refuses a stale one, and destroys through a plan', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Terraform provider mirror');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-cli-')));
    mkdirSync(join(workspace, 'infra'));
    writeFileSync(join(workspace, 'infra', 'main.tf'), configuration('hello'));
    const env = isolatedEnv({ TF_CLI_CONFIG_FILE: config!, CHECKPOINT_DISABLE: '1' });
    const tf = (...words: string[]) => runReignAsync(['terraform', ...words, '--dir', 'infra'], env, { cwd: workspace });

    expect((await tf('init', '--approve', 'write')).status).toBe(0);
    const valid = await tf('validate');
    expect(valid.stdout, valid.stderr).toBe('The configuration is valid.\n');

    const planned = await tf('plan', '--plan', 'first');
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/\+ local_file\.greeting\n\s+\+ random_pet\.name\n2 to create, 0 to update, 0 to replace, 0 to destroy\.\nSaved \.reign\/plans\/first\.tfplan/);
    expect(existsSync(join(workspace, 'infra', 'greeting.txt'))).toBe(false);

    expect((await tf('apply', '--plan', 'first')).status).toBe(3); // a write, not approved
    const applied = await tf('apply', '--plan', 'first', '--approve', 'write');
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(readFileSync(join(workspace, 'infra', 'greeting.txt'), 'utf8')).toMatch(/^hello \w+-\w+$/);
    expect((await tf('output')).stdout).toMatch(/^NAME\s+VALUE\nname\s+\w+-\w+\n$/);

    // Two plans of the same state: once one is applied, the other is stale and refused.
    writeFileSync(join(workspace, 'infra', 'main.tf'), configuration('goodbye'));
    expect((await tf('plan', '--plan', 'a')).stdout).toMatch(/-\/\+ local_file\.greeting[\s\S]*0 to create, 0 to update, 1 to replace/);
    expect((await tf('plan', '--plan', 'b')).status).toBe(0);
    expect((await tf('apply', '--plan', 'b', '--approve', 'destructive')).status).toBe(0);
    const stale = await tf('apply', '--plan', 'a', '--approve', 'destructive');
    expect(stale.status).toBe(1);
    expect(stale.stdout + stale.stderr).toMatch(/stale/i);

    const destroy = await tf('destroy', '--plan', 'gone');
    expect(destroy.stdout).toMatch(/0 to create, 0 to update, 0 to replace, 2 to destroy/);
    // Destroying everything is critical: refused unless this run allows it by the step's id.
    const refused = await tf('apply', '--plan', 'gone', '--approve', 'all');
    expect(refused.stdout).toMatch(/critical on infra #default \(local backend\)[\s\S]*refused by policy/);
    expect(existsSync(join(workspace, 'infra', 'greeting.txt'))).toBe(true);
    expect((await tf('apply', '--plan', 'gone', '--approve', 'all', '--allow-critical', 'apply')).status).toBe(0);
    expect(existsSync(join(workspace, 'infra', 'greeting.txt'))).toBe(false);
  }, 180_000);

  it('lists and shows the state, moves and forgets resources with approval, imports through a saved plan, and manages workspaces', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Terraform provider mirror');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-cli-state-')));
    const infra = join(workspace, 'infra');
    mkdirSync(infra);
    const stateConfiguration = (pet: string) => `terraform {
  required_providers {
    random = { source = "hashicorp/random" }
    local  = { source = "hashicorp/local" }
  }
}
resource "random_pet" "${pet}" {}
resource "random_password" "pw" { length = 16 }
resource "local_file" "note" {
  filename = "\${path.module}/note.txt"
  content  = "kept"
}
`;
    writeFileSync(join(infra, 'main.tf'), stateConfiguration('name'));
    const env = isolatedEnv({ TF_CLI_CONFIG_FILE: config!, CHECKPOINT_DISABLE: '1' });
    const tf = (...words: string[]) => runReignAsync(['terraform', ...words, '--dir', 'infra'], env, { cwd: workspace });
    /** What terraform itself says is in the state, to check what the commands did. */
    const stateList = (): string[] => execFileSync('terraform', ['state', 'list'], { cwd: infra, env, encoding: 'utf8' }).split('\n').filter(Boolean);
    const password = (): string => (JSON.parse(readFileSync(join(infra, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: { result?: string } }[] }[] }).resources.find((resource) => resource.type === 'random_password')!.instances[0]!.attributes.result!;

    expect((await tf('init', '--approve', 'write')).status).toBe(0);
    expect((await tf('plan', '--plan', 'first')).status).toBe(0);
    expect((await tf('apply', '--plan', 'first', '--approve', 'write')).status).toBe(0);

    const listed = await tf('state', 'list');
    expect(listed.stdout, listed.stderr).toBe('local_file.note\nrandom_password.pw\nrandom_pet.name\n3 resource instances in infra #default.\n');
    expect(JSON.parse((await tf('state', 'list', '--json')).stdout)).toEqual({ workspace: 'default', addresses: ['local_file.note', 'random_password.pw', 'random_pet.name'], count: 3 });
    expect((await tf('state', 'list', 'random_pet.name')).stdout).toBe('random_pet.name\n1 resource instance in infra #default.\n');
    expect((await tf('state', 'list', 'random_pet.gone')).stdout).toBe('No resources at random_pet.gone in the state of infra #default.\n');

    // The password is in the state file, never on the screen.
    const shown = await tf('state', 'show', 'random_password.pw');
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^# random_password\.pw:\nresource "random_password" "pw" \{\n[\s\S]*\n {4}length\s+= 16\n[\s\S]*\n {4}result\s+= \(sensitive value\)\n[\s\S]*\}\nProvider: registry\.terraform\.io\/hashicorp\/random\nSensitive, shown masked: bcrypt_hash, result\n$/);
    expect(password()).toHaveLength(16);
    expect(shown.stdout).not.toContain(password());
    expect(JSON.parse((await tf('state', 'show', 'random_password.pw', '--json')).stdout)).toMatchObject({ address: 'random_password.pw', values: { length: 16, result: '(sensitive value)' } });

    // state mv rewrites the state: destructive, so --approve write is not enough.
    const notApproved = await tf('state', 'mv', 'random_pet.name', 'random_pet.server', '--approve', 'write');
    expect(notApproved.status).toBe(3);
    expect(notApproved.stdout).toMatch(/state-mv: terraform\.state\.mv — destructive on infra #default \(local backend\) \(ask\): rewrites the state[\s\S]*! state-mv needs approval/);
    expect(stateList()).toContain('random_pet.name');
    const moved = await tf('state', 'mv', 'random_pet.name', 'random_pet.server', '--approve', 'destructive');
    expect(moved.status, moved.stdout + moved.stderr).toBe(0);
    expect(stateList()).toEqual(['local_file.note', 'random_password.pw', 'random_pet.server']);
    writeFileSync(join(infra, 'main.tf'), stateConfiguration('server'));
    expect((await tf('plan', '--plan', 'after-mv')).stdout).toBe('0 to create, 0 to update, 0 to replace, 0 to destroy.\nNo changes.\n'); // the same pet, under its new name

    // import: a write that saves a plan; nothing is in the state until that plan is applied.
    expect((await tf('import', 'random_string.imported', 'existing-id-4711')).status).toBe(3);
    expect(existsSync(join(infra, 'imports.reign.tf'))).toBe(false);
    const imported = await tf('import', 'random_string.imported', 'existing-id-4711', '--plan', 'take', '--approve', 'write');
    expect(imported.status, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain(
      '  <-  random_string.imported (id "existing-id-4711")\n1 to import, 0 to create, 0 to update, 0 to replace, 0 to destroy.\n' +
        'Saved .reign/plans/take.tfplan: apply exactly this plan with `reign terraform apply --plan .reign/plans/take.tfplan --dir infra`.\n',
    );
    expect(stateList()).not.toContain('random_string.imported');
    // The command it prints is the one that applies it.
    const hint = /`reign terraform (apply [^`]+)`/.exec(imported.stdout)![1]!.split(' ');
    const appliedImport = await runReignAsync(['terraform', ...hint, '--approve', 'write'], env, { cwd: workspace });
    expect(appliedImport.status, appliedImport.stdout + appliedImport.stderr).toBe(0);
    expect(stateList()).toContain('random_string.imported');
    expect((await tf('state', 'show', 'random_string.imported')).stdout).toMatch(/\n {4}result\s+= "existing-id-4711"\n/);

    // state rm: Terraform forgets the file, which stays on disk; destructive, so it waits without approval.
    const waiting = await tf('state', 'rm', 'local_file.note');
    expect(waiting.status).toBe(3);
    expect(waiting.stdout).toMatch(/state-rm: terraform\.state\.rm — destructive[\s\S]*! state-rm needs approval/);
    expect(stateList()).toContain('local_file.note');
    expect((await tf('state', 'rm', 'local_file.note', '--approve', 'destructive')).status).toBe(0);
    expect(stateList()).toEqual(['random_password.pw', 'random_pet.server', 'random_string.imported']);
    expect(readFileSync(join(infra, 'note.txt'), 'utf8')).toBe('kept');

    // Workspaces: created and selected with write approval, deleted with destructive approval.
    expect((await tf('workspace', 'new', 'staging', '--approve', 'write')).status).toBe(0);
    expect((await tf('workspace', 'list')).stdout).toBe('CURRENT   NAME\n*         default\n          staging\n');
    expect((await tf('workspace', 'select', 'staging', '--approve', 'write')).status).toBe(0);
    expect((await tf('workspace', 'list')).stdout).toBe('CURRENT   NAME\n          default\n*         staging\n');
    expect(execFileSync('terraform', ['workspace', 'show'], { cwd: infra, env, encoding: 'utf8' }).trim()).toBe('staging');
    expect((await tf('state', 'list')).stdout).toBe('No resources in the state of infra #staging.\n');
    expect((await tf('workspace', 'select', 'default', '--approve', 'write')).status).toBe(0);
    expect((await tf('workspace', 'delete', 'staging')).status).toBe(3);
    const deleted = await tf('workspace', 'delete', 'staging', '--approve', 'destructive');
    expect(deleted.status, deleted.stdout + deleted.stderr).toBe(0);
    expect((await tf('workspace', 'list')).stdout).toBe('CURRENT   NAME\n*         default\n');
    expect(stateList()).toEqual(['random_password.pw', 'random_pet.server', 'random_string.imported']);
  }, 300_000);

  it('says what is wrong: no saved plan to apply, a bad --var', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-cli-')));
    const none = await runReignAsync(['terraform', 'apply'], isolatedEnv(), { cwd: workspace });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no saved plan here; make one with `reign terraform plan`/);
    const badVar = await runReignAsync(['terraform', 'plan', '--var', 'region'], isolatedEnv(), { cwd: workspace });
    expect(badVar.stderr).toMatch(/--var takes NAME=VALUE/);
    const noTo = await runReignAsync(['terraform', 'state', 'mv', 'random_pet.name'], isolatedEnv(), { cwd: workspace });
    expect(noTo.status).toBe(2);
    expect(noTo.stderr).toBe('reign terraform state mv: name the new address of random_pet.name (TO).\nUsage: reign terraform state mv FROM TO [--dir D] [--workspace W]\n');
    const noId = await runReignAsync(['terraform', 'import', 'random_string.token'], isolatedEnv(), { cwd: workspace });
    expect(noId.status).toBe(2);
    expect(noId.stderr).toMatch(/^reign terraform import: random_string\.token has no ID[\s\S]*\nUsage: reign terraform import ADDRESS ID/);
  });
});
