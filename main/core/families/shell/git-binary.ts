import type { BinarySpec } from '../../doctor/probes/binary-probe';

/** git: what workspaces are versioned with; Reign needs it. */
export const gitBinary: BinarySpec = {
  name: 'git',
  versionArgs: ['--version'],
  parseVersion: (out) => /git version (\S+)/.exec(out)?.[1] ?? null,
  installHint: 'Install git (Debian/Ubuntu: `sudo apt install git`; macOS: `xcode-select --install`; Windows: git-scm.com).',
  optional: false,
};
