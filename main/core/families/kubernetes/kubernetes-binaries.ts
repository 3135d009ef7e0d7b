import type { BinarySpec } from '../../doctor/probes/binary-probe';

/** The CLIs people use beside Reign on a cluster (helm moves to its own family when it arrives). */
export const kubectlBinary: BinarySpec = {
  name: 'kubectl',
  versionArgs: ['version', '--client', '-o', 'json'],
  parseVersion: (out) => {
    try {
      return (JSON.parse(out) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion ?? null;
    } catch {
      return null;
    }
  },
  installHint: 'kubectl is optional; install it (`brew install kubectl`, `sudo apt install kubectl`) to use the kubectl CLI alongside Reign.',
  optional: true,
};

export const helmBinary: BinarySpec = {
  name: 'helm',
  versionArgs: ['version', '--short'],
  parseVersion: (out) => /v?(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null,
  installHint: 'Helm is optional; install it from your package manager (`brew install helm`, `sudo snap install helm --classic`) to manage charts.',
  optional: true,
};
