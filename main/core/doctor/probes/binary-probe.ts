import type { CheckStatus } from '../../../../preload/contract';
import type { DoctorProbe } from '../../families/family';
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

/** A binary on PATH and its version: what the doctor reports for the CLIs a family runs. */
export type BinaryCheck = {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly fix: string | null;
  readonly path: string | null;
  readonly version: string | null;
};

/** A doctor probe for one binary, for a family's `probes`. */
export function binaryProbe(spec: BinarySpec): DoctorProbe {
  return { name: spec.name, required: !spec.optional, run: ({ env }) => probeBinary(spec, env) };
}

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
