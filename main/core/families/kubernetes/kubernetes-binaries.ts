import type { BinarySpec } from '../../doctor/probes/binary-probe';

/** kubectl, which people use beside Reign on a cluster (Reign itself talks to the API server). */
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
