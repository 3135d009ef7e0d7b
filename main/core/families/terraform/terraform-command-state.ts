import type { z } from 'zod';
import type { Call } from '../tool-call-command';
import { resourceAddressField, stateAddressField } from './terraform-address';
import { listed, type Place, shownResource, workspaces } from './terraform-command-print';
import { terraformStateAndWorkspaceTools } from './terraform-state-and-workspace-tools';
import { workspaceNameField } from './terraform-workspaces';

// `reign terraform state|import|workspace …`: the words of a command line as the input of the
// state, import and workspace tools, checked against those tools' own schemas so a mistake is a
// usage error naming the word, not a failed step.

type Values = Readonly<Record<string, unknown>>;

const stateForms: Record<string, string> = { list: 'list [ADDRESS...] [--id ID]', show: 'show ADDRESS', mv: 'mv FROM TO', rm: 'rm ADDRESS...' };
const workspaceForms: Record<string, string> = { list: 'list', new: 'new NAME', select: 'select NAME', delete: 'delete NAME [--force]' };

export const stateUsage = `reign terraform state ${Object.values(stateForms).join(' | ')} [--dir D] [--workspace W]`;
export const importUsage = 'reign terraform import ADDRESS ID [ADDRESS ID...] [--plan NAME] [--var K=V] [--var-file F] [--dir D] [--workspace W]';
export const workspaceUsage = `reign terraform workspace ${Object.values(workspaceForms).join(' | ')} [--dir D]`;

/** The usage line of one verb (`state mv FROM TO …`), or of them all when the verb is not one. */
const stateVerbUsage = (verb: string | undefined): string => (verb && Object.hasOwn(stateForms, verb) ? `reign terraform state ${stateForms[verb]} [--dir D] [--workspace W]` : stateUsage);
const workspaceVerbUsage = (verb: string | undefined): string => (verb && Object.hasOwn(workspaceForms, verb) ? `reign terraform workspace ${workspaceForms[verb]} [--dir D]` : workspaceUsage);

const usageError = (command: string, problem: string, usage: string): string => `reign terraform ${command}: ${problem}\nUsage: ${usage}`;

/** The first word the field refuses, as "WORD is not …: why", or null. */
function badWord(words: readonly string[], field: z.ZodType, what: string): string | null {
  for (const word of words) {
    const parsed = field.safeParse(word);
    if (!parsed.success) return `"${word}" is not ${what}: ${parsed.error.issues[0]!.message}.`;
  }
  return null;
}

const schemas = new Map(terraformStateAndWorkspaceTools.map((tool) => [tool.name, tool.input as z.ZodType]));

/** The call, once its tool's schema accepts the input (duplicates, control characters…); else a usage error. */
function checked(call: Call, command: string, usage: string): Call | string {
  const parsed = schemas.get(call.tool)!.safeParse(call.input);
  return parsed.success ? call : usageError(command, `${parsed.error.issues.map((issue) => issue.message).join('; ')}.`, usage);
}

/** `reign terraform state list|show|mv|rm …`. */
export function stateCall(words: readonly string[], values: Values, place: Place): Call | string {
  const [verb, ...rest] = words;
  const command = `state ${verb ?? ''}`.trim();
  const usage = stateVerbUsage(verb);
  const error = (problem: string): string => usageError(command, problem, usage);
  switch (verb) {
    case 'list': {
      const wrong = badWord(rest, stateAddressField, 'a resource or module address');
      if (wrong) return error(wrong);
      const id = values.id as string | undefined;
      return checked({ tool: 'terraform.state.list', input: { ...place, addresses: [...rest], ...(id !== undefined ? { id } : {}) }, read: true, print: listed(place, rest, id) }, command, usage);
    }
    case 'show': {
      if (rest.length !== 1) return error(rest.length ? `show takes one ADDRESS, not ${rest.length} (${rest.join(' ')}).` : 'name the resource instance to show (ADDRESS, as `reign terraform state list` prints it).');
      const wrong = badWord(rest, stateAddressField, 'a resource address');
      if (wrong) return error(wrong);
      return checked({ tool: 'terraform.state.show', input: { ...place, address: rest[0] }, read: true, print: shownResource }, command, usage);
    }
    case 'mv': {
      if (!rest.length) return error('name what to move (FROM) and its new address (TO).');
      if (rest.length === 1) return error(`name the new address of ${rest[0]} (TO).`);
      if (rest.length > 2) return error(`mv takes FROM and TO, not ${rest.length} addresses (${rest.join(' ')}).`);
      const wrong = badWord(rest, stateAddressField, 'a resource or module address');
      if (wrong) return error(wrong);
      // Rewrites the state: a plan step, approved for the risk the tool computes (destructive).
      return checked({ tool: 'terraform.state.mv', input: { ...place, from: rest[0], to: rest[1] }, read: false }, command, usage);
    }
    case 'rm': {
      if (!rest.length) return error('name the resources for Terraform to forget (ADDRESS...).');
      const wrong = badWord(rest, stateAddressField, 'a resource or module address');
      if (wrong) return error(wrong);
      return checked({ tool: 'terraform.state.rm', input: { ...place, addresses: [...rest] }, read: false }, command, usage);
    }
    default:
      return error(verb ? `there is no state ${verb}; use list, show, mv or rm.` : 'use list, show, mv or rm.');
  }
}

/** `reign terraform import ADDRESS ID [ADDRESS ID…]`: import blocks and a saved plan, a write step (the plan is applied with its own approval). */
export function importCall(words: readonly string[], values: Values, place: Place, options: { vars: Record<string, string>; varFiles: string[] }): Call | string {
  if (!words.length) return usageError('import', 'name the resource address (ADDRESS) and the id of the existing object (ID).', importUsage);
  if (words.length % 2) return usageError('import', `${words[words.length - 1]} has no ID: give the id of the existing object after each ADDRESS.`, importUsage);
  const imports = Array.from({ length: words.length / 2 }, (_, index) => ({ to: words[index * 2]!, id: words[index * 2 + 1]! }));
  const wrong = badWord(imports.map((entry) => entry.to), resourceAddressField, 'a managed resource address');
  if (wrong) return usageError('import', wrong, importUsage);
  const input = { ...place, imports, ...(values.plan ? { name: values.plan } : {}), ...options };
  return checked({ tool: 'terraform.import', input, read: false }, 'import', importUsage);
}

/** `reign terraform workspace list|new|select|delete`: the workspace is the NAME word; the tools take no --workspace. */
export function workspaceCall(words: readonly string[], values: Values, dir: string, terraformWorkspace: string | undefined): Call | string {
  const [verb, ...rest] = words;
  const command = `workspace ${verb ?? ''}`.trim();
  const usage = workspaceVerbUsage(verb);
  const error = (problem: string): string => usageError(command, problem, usage);
  if (terraformWorkspace) return error(`--workspace names where other commands act; here name the workspace as a word (workspace ${verb && verb !== 'list' ? verb : 'select'} ${terraformWorkspace}).`);
  if (verb === 'list') return rest.length ? error(`list takes no NAME (${rest.join(' ')}).`) : checked({ tool: 'terraform.workspace.list', input: { dir }, read: true, print: workspaces }, command, usage);
  if (verb !== 'new' && verb !== 'select' && verb !== 'delete') return error(verb ? `there is no workspace ${verb}; use list, new, select or delete.` : 'use list, new, select or delete.');
  if (rest.length !== 1) return error(rest.length ? `${verb} takes one NAME, not ${rest.length} (${rest.join(' ')}).` : `name the workspace to ${verb === 'new' ? 'create' : verb} (NAME).`);
  const wrong = badWord(rest, workspaceNameField, 'a workspace name');
  if (wrong) return error(wrong);
  if (values.force && verb !== 'delete') return error('--force is only for workspace delete.');
  const input = { dir, name: rest[0], ...(values.force ? { force: true } : {}) };
  return checked({ tool: `terraform.workspace.${verb}`, input, read: false }, command, usage);
}
