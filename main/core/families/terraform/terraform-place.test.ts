import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ToolContext } from '../../tools/tool-definition';
import { terraformPlace } from './terraform-place';

let workspace: string;
const context = (env: NodeJS.ProcessEnv = {}): ToolContext => ({ workspace, env }) as ToolContext;
const folder = (dir: string, files: Record<string, string>): void => {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(workspace, dir, file, '..'), { recursive: true });
    writeFileSync(join(workspace, dir, file), text);
  }
};

beforeAll(() => {
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-place-')));
  folder('plain', { 'main.tf': 'resource "terraform_data" "a" {}\n' });
  folder('declared', { 'versions.tf': 'terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n}\n' });
  folder('initialized', { 'main.tf': 'terraform {\n  backend "s3" {}\n}\n', '.terraform/terraform.tfstate': '{"version":3,"backend":{"type":"pg","config":{}}}', '.terraform/environment': 'prod\n' });
  folder('empty', { 'README.md': 'no configuration here' });
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-outside-')));
  writeFileSync(join(outside, 'main.tf'), '');
  symlinkSync(outside, join(workspace, 'escape'));
});

describe('where a Terraform step runs', () => {
  it('names the real folder and the workspace in the target, and shows the backend', () => {
    expect(terraformPlace(context(), { dir: 'plain' })).toMatchObject({ workspace: 'default', backend: 'local', problem: null, target: { kind: 'terraform', id: `terraform:${workspace}/plain#default`, label: 'plain #default (local backend)' } });
    expect(terraformPlace(context(), { dir: 'declared' }).target.label).toBe('declared #default (s3 backend)');
  });

  it('takes the workspace selected in the folder and the backend init configured, unless told otherwise', () => {
    expect(terraformPlace(context(), { dir: 'initialized' }).target).toEqual({ kind: 'terraform', id: `terraform:${workspace}/initialized#prod`, label: 'initialized #prod (pg backend)' });
    expect(terraformPlace(context({ TF_WORKSPACE: 'staging' }), { dir: 'initialized' }).workspace).toBe('staging');
    expect(terraformPlace(context({ TF_WORKSPACE: 'staging' }), { dir: 'initialized', workspace: 'dev' }).target.id).toBe(`terraform:${workspace}/initialized#dev`);
  });

  it('says why nothing can run in a missing folder, one without configuration, or one outside the workspace', () => {
    expect(terraformPlace(context(), { dir: 'nowhere' }).problem).toMatch(/^There is no folder nowhere in the workspace/);
    expect(terraformPlace(context(), { dir: 'empty' }).problem).toMatch(/has no Terraform configuration/);
    expect(terraformPlace(context(), { dir: 'escape' }).problem).toMatch(/leads outside the workspace/);
  });
});
