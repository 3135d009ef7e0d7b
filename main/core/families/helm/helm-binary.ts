import type { BinarySpec } from '../../doctor/probes/binary-probe';

/** The helm CLI the Helm family runs (the one on PATH); the doctor reports it as `checks.helm`. */
export const helmBinary: BinarySpec = {
  name: 'helm',
  versionArgs: ['version', '--short'],
  parseVersion: (out) => /v?(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null,
  installHint: 'Helm is optional; install it from your package manager (`brew install helm`, `sudo snap install helm --classic`) to manage charts.',
  optional: true,
};
