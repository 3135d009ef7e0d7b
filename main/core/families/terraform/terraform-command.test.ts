import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToolContext, ToolDefinition } from '../../tools/tool-definition';
import type { Call } from '../tool-call-command';
import { terraformFamily } from '.';
import { terraformCall } from './terraform-command';

// `reign terraform state|import|workspace …` as tool calls: the words a person types become the
// input the tool's own schema accepts, reads print at once and changes run as approved plan
// steps, and a missing or malformed word is a usage error that names it. No terraform needed.

const tools = new Map<string, ToolDefinition>(terraformFamily.tools.map((tool) => [tool.name, tool]));
const ctx = { workspace: realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-command-'))), env: {} } as unknown as ToolContext;

const call = (line: string, values: Record<string, unknown> = {}, workspace?: string): Call => {
  const mapped = terraformCall(line.split(' '), { dir: 'infra', ...values }, workspace);
  if (typeof mapped === 'string') throw new Error(mapped);
  return mapped;
};
const problem = (line: string, values: Record<string, unknown> = {}, workspace?: string): string => {
  const mapped = terraformCall(line ? line.split(' ') : [], { dir: 'infra', ...values }, workspace);
  if (typeof mapped !== 'string') throw new Error(`${line} was accepted as ${mapped.tool}`);
  return mapped;
};
/** The risk the tool computes for the call's input without facts (the lowest it can be). */
const riskOf = (mapped: Call): string => {
  const tool = tools.get(mapped.tool)!;
  return tool.risk({ input: tool.input.parse(mapped.input), ctx, facts: undefined }).risk;
};

describe('reign terraform state, import and workspace as tool calls', () => {
  it('maps each command line to the input its tool accepts, printed at once only when the tool is a read', () => {
    const lines: [string, Record<string, unknown>, string | undefined][] = [
      ['state list', {}, undefined],
      ['state list module.net random_pet.name', { id: 'abc' }, 'prod'],
      ['state show random_password.pw', {}, undefined],
      ['state mv random_pet.name random_pet.server', {}, 'prod'],
      ['state rm local_file.note module.legacy', {}, undefined],
      ['import random_string.token existing-4711', { plan: 'take-token', var: ['region=eu'] }, undefined],
      ['workspace list', {}, undefined],
      ['workspace new staging', {}, undefined],
      ['workspace select staging', {}, undefined],
      ['workspace delete staging', { force: true }, undefined],
    ];
    const mapped = lines.map(([line, values, workspace]) => call(line, values, workspace));
    expect(mapped.map((each) => [each.tool, each.read, riskOf(each)])).toEqual([
      ['terraform.state.list', true, 'read'],
      ['terraform.state.list', true, 'read'],
      ['terraform.state.show', true, 'read'],
      ['terraform.state.mv', false, 'destructive'],
      ['terraform.state.rm', false, 'destructive'],
      ['terraform.import', false, 'write'],
      ['terraform.workspace.list', true, 'read'],
      ['terraform.workspace.new', false, 'write'],
      ['terraform.workspace.select', false, 'write'],
      ['terraform.workspace.delete', false, 'critical'],
    ]);
    expect(mapped.map((each) => each.input)).toEqual([
      { dir: 'infra', addresses: [] },
      { dir: 'infra', workspace: 'prod', addresses: ['module.net', 'random_pet.name'], id: 'abc' },
      { dir: 'infra', address: 'random_password.pw' },
      { dir: 'infra', workspace: 'prod', from: 'random_pet.name', to: 'random_pet.server' },
      { dir: 'infra', addresses: ['local_file.note', 'module.legacy'] },
      { dir: 'infra', imports: [{ to: 'random_string.token', id: 'existing-4711' }], name: 'take-token', vars: { region: 'eu' }, varFiles: [] },
      { dir: 'infra' },
      { dir: 'infra', name: 'staging' },
      { dir: 'infra', name: 'staging' },
      { dir: 'infra', name: 'staging', force: true },
    ]);
  });

  it('imports several objects from ADDRESS ID pairs', () => {
    expect(call('import random_string.a id-a module.net.random_pet.b id-b').input).toMatchObject({ imports: [{ to: 'random_string.a', id: 'id-a' }, { to: 'module.net.random_pet.b', id: 'id-b' }] });
  });

  it('names what is missing and shows the usage line of that command, never running anything', () => {
    expect(problem('state mv random_pet.name')).toBe('reign terraform state mv: name the new address of random_pet.name (TO).\nUsage: reign terraform state mv FROM TO [--dir D] [--workspace W]');
    expect(problem('state mv')).toMatch(/^reign terraform state mv: name what to move \(FROM\) and its new address \(TO\)\.\nUsage: reign terraform state mv FROM TO/);
    expect(problem('state mv a.b c.d e.f')).toMatch(/mv takes FROM and TO, not 3 addresses/);
    expect(problem('state show')).toMatch(/^reign terraform state show: name the resource instance to show \(ADDRESS[\s\S]*\nUsage: reign terraform state show ADDRESS/);
    expect(problem('state rm')).toMatch(/^reign terraform state rm: name the resources for Terraform to forget \(ADDRESS\.\.\.\)\.\nUsage: reign terraform state rm ADDRESS\.\.\./);
    expect(problem('state')).toMatch(/^reign terraform state: use list, show, mv or rm\.\nUsage: reign terraform state list \[ADDRESS\.\.\.\] \[--id ID\] \| show ADDRESS \| mv FROM TO \| rm ADDRESS\.\.\./);
    expect(problem('state pull')).toMatch(/there is no state pull; use list, show, mv or rm/);
    expect(problem('import')).toMatch(/^reign terraform import: name the resource address \(ADDRESS\) and the id of the existing object \(ID\)\.\nUsage: reign terraform import ADDRESS ID/);
    expect(problem('import random_string.a id-a random_string.b')).toMatch(/^reign terraform import: random_string\.b has no ID: give the id of the existing object after each ADDRESS\./);
    expect(problem('workspace new')).toBe('reign terraform workspace new: name the workspace to create (NAME).\nUsage: reign terraform workspace new NAME [--dir D]');
    expect(problem('workspace delete')).toMatch(/name the workspace to delete \(NAME\)\.\nUsage: reign terraform workspace delete NAME \[--force\]/);
    expect(problem('workspace select a b')).toMatch(/select takes one NAME, not 2 \(a b\)/);
    expect(problem('workspace')).toMatch(/^reign terraform workspace: use list, new, select or delete\.\nUsage: reign terraform workspace list \| new NAME/);
  });

  it('refuses words the tools would refuse, naming the word and why', () => {
    expect(problem('state show random_pet')).toMatch(/^reign terraform state show: "random_pet" is not a resource address: a Terraform address: TYPE\.NAME/);
    expect(problem('state rm local_file.note not/an-address')).toMatch(/"not\/an-address" is not a resource or module address/);
    expect(problem('state mv random_pet.name random_pet.name')).toMatch(/from and to are the same address: nothing would move/);
    expect(problem('import data.http.x some-id')).toMatch(/"data\.http\.x" is not a managed resource address: .*no data sources/);
    expect(problem('import random_string.a one random_string.a two')).toMatch(/each address is imported once/);
    expect(problem('import random_string.a one', { plan: 'no/slashes' })).toMatch(/a plan name: letters, digits/);
    expect(problem('workspace new bad/name')).toMatch(/"bad\/name" is not a workspace name/);
    expect(problem('workspace delete default')).toMatch(/the default workspace cannot be deleted/);
    expect(problem('workspace new staging', { force: true })).toMatch(/--force is only for workspace delete/);
    // The workspace tools act on the NAME word; --workspace there would silently mean nothing.
    expect(problem('workspace select', {}, 'prod')).toMatch(/name the workspace as a word \(workspace select prod\)/);
    expect(problem('state list', { dir: '../elsewhere' })).toMatch(/dir is a folder inside the workspace/);
    expect(problem('frobnicate')).toMatch(/there is no terraform frobnicate; use init, .*state, import, workspace or templates/);
  });

  it('prints the state as a person reads it: addresses and a count, or what is empty', () => {
    const list = call('state list', {}, 'prod');
    expect(list.print!({ workspace: 'prod', addresses: ['local_file.note', 'random_pet.name'], count: 2 })).toBe('local_file.note\nrandom_pet.name\n2 resource instances in infra #prod.\n');
    expect(list.print!({ workspace: 'prod', addresses: ['random_pet.name'], count: 1 })).toBe('random_pet.name\n1 resource instance in infra #prod.\n');
    expect(list.print!({ workspace: 'prod', addresses: [], count: 0 })).toBe('No resources in the state of infra #prod.\n');
    expect(call('state list random_pet.x', { id: 'i-1' }).print!({ workspace: 'default', addresses: [], count: 0 })).toBe('No resources at random_pet.x with id i-1 in the state of infra #default.\n');
  });

  it('shows one resource like terraform state show, masked values bare and named', () => {
    const shown = call('state show random_password.pw').print!({
      address: 'random_password.pw',
      mode: 'managed',
      type: 'random_password',
      name: 'pw',
      provider: 'registry.terraform.io/hashicorp/random',
      tainted: true,
      dependsOn: ['random_pet.name'],
      values: { length: 12, result: '(sensitive value)', keepers: null, special: true, override_special: '!@' },
      sensitiveAttributes: ['result'],
    });
    expect(shown).toBe(
      '# random_password.pw: (tainted: replaced on the next apply)\n' +
        'resource "random_password" "pw" {\n    length           = 12\n    result           = (sensitive value)\n    keepers          = null\n    special          = true\n    override_special = "!@"\n}\n' +
        'Provider: registry.terraform.io/hashicorp/random\nDepends on: random_pet.name\nSensitive, shown masked: result\n',
    );
  });

  it('lists workspaces as a table with the selected one marked, and says when TF_WORKSPACE overrides it', () => {
    const list = call('workspace list');
    const output = { workspaces: [{ name: 'default', selected: false }, { name: 'staging', selected: true }], selected: 'staging', active: 'staging', override: null };
    expect(list.print!(output)).toBe('CURRENT   NAME\n          default\n*         staging\n');
    expect(list.print!({ ...output, active: 'prod', override: 'prod' })).toMatch(/\nTF_WORKSPACE=prod overrides the selection: commands here act on prod\.\n$/);
  });
});
