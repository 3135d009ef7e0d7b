import { createRequire } from 'node:module';
import type * as NodePty from '@lydell/node-pty';

export type PtyModule = Pick<typeof NodePty, 'spawn'>;
export type Pty = NodePty.IPty;

// node-pty is a native module: it is loaded when the first terminal opens, so the CLI (and any
// process that never opens a terminal) does not pay for it at start.
export const loadNodePty = (): PtyModule => createRequire(import.meta.url)('@lydell/node-pty') as PtyModule;
