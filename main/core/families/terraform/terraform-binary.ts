import type { BinarySpec } from '../../doctor/probes/binary-probe';

/** The terraform binary on PATH, which the Terraform family will run. */
export const terraformBinary: BinarySpec = {
  name: 'terraform',
  versionArgs: ['version', '-json'],
  parseVersion: (out) => {
    try {
      return (JSON.parse(out) as { terraform_version?: string }).terraform_version ?? null;
    } catch {
      return /Terraform v(\S+)/.exec(out)?.[1] ?? null;
    }
  },
  installHint: 'Terraform is optional; install it from HashiCorp\'s packages (`brew install hashicorp/tap/terraform`, or apt.releases.hashicorp.com).',
  optional: true,
};
