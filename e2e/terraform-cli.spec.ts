import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';
import { terraformMirror } from './fixtures/terraform-mirror';

// `reign terraform …` with the real terraform and real providers from the test mirror: plan saves
// a plan and says what it would change; apply runs exactly that saved plan only with approval, and
// refuses it once it is stale; destroy is a plan of its own, applied the same way.

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

  it('says what is wrong: no saved plan to apply, a bad --var', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-cli-')));
    const none = await runReignAsync(['terraform', 'apply'], isolatedEnv(), { cwd: workspace });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no saved plan here; make one with `reign terraform plan`/);
    const badVar = await runReignAsync(['terraform', 'plan', '--var', 'region'], isolatedEnv(), { cwd: workspace });
    expect(badVar.stderr).toMatch(/--var takes NAME=VALUE/);
  });
});
