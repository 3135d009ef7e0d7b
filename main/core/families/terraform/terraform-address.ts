import { z } from 'zod';

// Terraform's address syntax: https://developer.hashicorp.com/terraform/cli/state/resource-addressing
const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const INDEX = '(\\[(\\d+|"([^"\\\\]|\\\\.)*")\\])?';
const MODULES = `(module\\.${NAME}${INDEX}\\.)*`;
const RESOURCE = new RegExp(`^${MODULES}(data\\.)?${NAME}\\.${NAME}${INDEX}$`);
const MODULE = new RegExp(`^module\\.${NAME}${INDEX}(\\.module\\.${NAME}${INDEX})*$`);
const MANAGED_RESOURCE = new RegExp(`^${MODULES}(?!data\\.)${NAME}\\.${NAME}${INDEX}$`);

/** A resource, a resource instance or a whole module, as `terraform state` commands take them. */
export const stateAddressField = z
  .string()
  .refine((address) => RESOURCE.test(address) || MODULE.test(address), {
    message: 'a Terraform address: TYPE.NAME, TYPE.NAME[0], TYPE.NAME["key"], module.NAME or module.NAME.TYPE.NAME (as terraform.state.list prints them)',
  })
  .describe('A resource address as terraform.state.list prints it (random_pet.name, module.net.aws_subnet.this["a"]) or a whole module (module.net)');

/** A managed resource instance: where an import puts an object (no data sources, no whole modules). */
export const resourceAddressField = z
  .string()
  .regex(MANAGED_RESOURCE, 'a managed resource address: TYPE.NAME, TYPE.NAME[0], TYPE.NAME["key"] or module.NAME.TYPE.NAME (no data sources, no whole modules)')
  .describe('The resource address the object goes to (random_string.token, module.net.aws_vpc.main)');
