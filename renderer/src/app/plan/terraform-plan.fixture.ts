import type { PlanPreviewView } from '../../../../preload/contract';

// A hand-written plan preview in the shape main sends (preload/contract/chat.ts PlanPreviewSchema):
// creates, an update, a replace forced by one attribute, destroys and a read in a module, a
// sensitive attribute (no value, as main sends it), and one drifted resource.

export const planFixture: PlanPreviewView = {
  kind: 'plan',
  title: 'terraform plan in infra/ (workspace staging)',
  counts: { create: 3, update: 1, replace: 1, delete: 2, read: 1, forget: 0 },
  changes: [
    {
      address: 'random_pet.name',
      module: null,
      type: 'random_pet',
      name: 'name',
      action: 'create',
      replaceBecause: [],
      attributes: [
        { path: 'id', before: null, after: '(known after apply)', sensitive: false, forcesReplacement: false },
        { path: 'length', before: null, after: '2', sensitive: false, forcesReplacement: false },
      ],
    },
    {
      address: 'random_password.db',
      module: null,
      type: 'random_password',
      name: 'db',
      action: 'create',
      replaceBecause: [],
      attributes: [
        { path: 'length', before: null, after: '24', sensitive: false, forcesReplacement: false },
        { path: 'result', before: null, after: null, sensitive: true, forcesReplacement: false },
      ],
    },
    {
      address: 'tls_private_key.ca',
      module: null,
      type: 'tls_private_key',
      name: 'ca',
      action: 'replace',
      replaceBecause: ['algorithm'],
      attributes: [
        { path: 'algorithm', before: '"RSA"', after: '"ECDSA"', sensitive: false, forcesReplacement: true },
        { path: 'id', before: '"9f2c…"', after: '(known after apply)', sensitive: false, forcesReplacement: false },
        { path: 'private_key_pem', before: null, after: null, sensitive: true, forcesReplacement: false },
      ],
    },
    {
      address: 'local_file.motd',
      module: null,
      type: 'local_file',
      name: 'motd',
      action: 'update',
      replaceBecause: [],
      attributes: [{ path: 'content', before: '"hello"', after: '"hello, world"', sensitive: false, forcesReplacement: false }],
    },
    {
      address: 'module.network.null_resource.old',
      module: 'module.network',
      type: 'null_resource',
      name: 'old',
      action: 'delete',
      replaceBecause: [],
      attributes: [{ path: 'id', before: '"4751"', after: null, sensitive: false, forcesReplacement: false }],
    },
    {
      address: 'module.network.terraform_data.legacy',
      module: 'module.network',
      type: 'terraform_data',
      name: 'legacy',
      action: 'delete',
      replaceBecause: [],
      attributes: [],
    },
    {
      address: 'module.network.data.local_file.cidr',
      module: 'module.network',
      type: 'local_file',
      name: 'cidr',
      action: 'read',
      replaceBecause: [],
      attributes: [{ path: 'content', before: null, after: '(known after apply)', sensitive: false, forcesReplacement: false }],
    },
    {
      address: 'module.network.random_pet.subnet',
      module: 'module.network',
      type: 'random_pet',
      name: 'subnet',
      action: 'create',
      replaceBecause: [],
      attributes: [{ path: 'id', before: null, after: '(known after apply)', sensitive: false, forcesReplacement: false }],
    },
  ],
  drift: [
    {
      address: 'local_file.motd',
      module: null,
      type: 'local_file',
      name: 'motd',
      action: 'update',
      replaceBecause: [],
      attributes: [{ path: 'content', before: '"hello"', after: '"edited by hand"', sensitive: false, forcesReplacement: false }],
    },
  ],
  text: [
    'Terraform will perform the following actions:',
    '',
    '  # tls_private_key.ca must be replaced',
    '-/+ resource "tls_private_key" "ca" {',
    '      ~ algorithm = "RSA" -> "ECDSA" # forces replacement',
    '      ~ private_key_pem = (sensitive value)',
    '    }',
    '',
    'Plan: 4 to add, 1 to change, 3 to destroy.',
  ].join('\n'),
};
