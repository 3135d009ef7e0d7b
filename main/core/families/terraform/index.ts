import { binaryProbe } from '../../doctor/probes/binary-probe';
import { defineFamily } from '../family';
import { terraformVerbs } from './terraform-verbs';
import { terraformBinary } from './terraform-binary';

/** The seed of the Terraform family: the binary on PATH. Its tools arrive with the Terraform issue. */
export const terraformFamily = defineFamily({
  id: 'terraform',
  title: 'Terraform',
  description: 'Infrastructure as code with the terraform binary on PATH.',
  tools: [],
  verbs: terraformVerbs,
  probes: [binaryProbe(terraformBinary)],
  presentWhen: (checks) => checks.terraform?.status === 'ok',
});
