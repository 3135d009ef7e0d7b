import type { BinaryCheck } from '../../../../preload/contract';
import { execFile } from '../../exec/exec-file';
import { findOnPath } from './find-on-path';

export interface BinarySpec {
  readonly name: string;
  readonly versionArgs: readonly string[];
  /** Pulls the version out of what `versionArgs` printed. */
  readonly parseVersion: (stdout: string) => string | null;
  readonly installHint: string;
  readonly optional: boolean;
}

export const binarySpecs = {
  git: {
    name: 'git',
    versionArgs: ['--version'],
    parseVersion: (out) => /git version (\S+)/.exec(out)?.[1] ?? null,
    installHint: 'Install git (Debian/Ubuntu: `sudo apt install git`; macOS: `xcode-select --install`; Windows: git-scm.com).',
    optional: false,
  },
  helm: {
    name: 'helm',
    versionArgs: ['version', '--short'],
    parseVersion: (out) => /v?(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null,
    installHint: 'Helm is optional; install it from your package manager (`brew install helm`, `sudo snap install helm --classic`) to manage charts.',
    optional: true,
  },
  terraform: {
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
  },
  kubectl: {
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
  },
} satisfies Record<string, BinarySpec>;

export async function probeBinary(spec: BinarySpec, env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<BinaryCheck> {
  const path = findOnPath(spec.name, env);
  if (!path) {
    return { status: spec.optional ? 'missing' : 'error', summary: `${spec.name} is not on PATH`, fix: spec.installHint, path: null, version: null };
  }
  const result = await execFile(path, spec.versionArgs, { env, timeoutMs });
  if (!result.ok) {
    return { status: 'error', summary: `${path} did not report its version: ${result.error.message}`, fix: `Check that ${path} works: run \`${spec.name} ${spec.versionArgs.join(' ')}\`.`, path, version: null };
  }
  const version = spec.parseVersion(result.stdout);
  return { status: 'ok', summary: `${spec.name} ${version ?? '(version unknown)'} at ${path}`, fix: null, path, version };
}
