import { randomUUID } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { TerminalSession as TerminalSessionInfo } from '../../../preload/contract';
import type { FlowControlOptions } from './flow-control';
import { loadNodePty, type PtyModule } from './pty-loader';
import { TerminalError } from './terminal-errors';
import { TerminalSession, type TerminalSink } from './terminal-session';

/** A runaway loop in a renderer must not fork shells without bound. */
export const MAX_TERMINALS = 32;

export interface TerminalServiceOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly sink: TerminalSink;
  /** Tests pass smaller watermarks. */
  readonly flow?: FlowControlOptions;
  readonly loadPty?: () => PtyModule;
}

/** Owns every terminal session: opens shells in PTYs, routes input, size and acknowledgements to them, ends them all on dispose. */
export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();
  private pty: PtyModule | null = null;

  constructor(private readonly options: TerminalServiceOptions) {}

  /** The folder a terminal opens in when none is given: the user's home. */
  get defaultCwd(): string {
    return this.options.env.HOME || homedir();
  }

  open(request: { cwd?: string; cols: number; rows: number }): { id: string; shell: string; cwd: string } {
    if (this.sessions.size >= MAX_TERMINALS) throw new TerminalError('TOO_MANY_TERMINALS', `${MAX_TERMINALS} terminals are open already; close one first.`);
    const cwd = this.resolveCwd(request.cwd);
    const shell = userShell(this.options.env);
    const pty = this.loadPty().spawn(shell, [], {
      name: 'xterm-256color',
      cols: request.cols,
      rows: request.rows,
      cwd,
      env: { ...this.options.env, TERM: 'xterm-256color', COLORTERM: 'truecolor' },
    });
    const id = randomUUID().slice(0, 8);
    this.sessions.set(id, new TerminalSession(id, shell, cwd, pty, this.options.sink, this.options.flow));
    return { id, shell, cwd };
  }

  input(id: string, data: string): void {
    this.get(id).input(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.get(id).resize(cols, rows);
  }

  ack(id: string, chars: number): void {
    // Acknowledgements can still be in flight after a close: they have nothing left to release.
    this.sessions.get(id)?.ack(chars);
  }

  /** Ends the shell if it still runs, and forgets the session. Returns what it was, for the journal. */
  close(id: string): TerminalSessionInfo {
    const session = this.get(id);
    const info = session.info();
    session.dispose();
    this.sessions.delete(id);
    return info;
  }

  list(): TerminalSessionInfo[] {
    return [...this.sessions.values()].map((session) => session.info());
  }

  session(id: string): TerminalSession | undefined {
    return this.sessions.get(id);
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  private get(id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session) throw new TerminalError('NOT_FOUND', `There is no terminal ${id} (it was closed, or Reign restarted).`);
    return session;
  }

  private loadPty(): PtyModule {
    try {
      return (this.pty ??= (this.options.loadPty ?? loadNodePty)());
    } catch (error) {
      throw new TerminalError('PTY_UNAVAILABLE', `Terminals are not available: node-pty could not be loaded (${(error as Error).message}).`);
    }
  }

  private resolveCwd(requested: string | undefined): string {
    const home = this.defaultCwd;
    if (!requested) return home;
    const expanded = requested === '~' ? home : requested.startsWith('~/') ? join(home, requested.slice(2)) : requested;
    if (!isAbsolute(expanded)) throw new TerminalError('INVALID_CWD', `Cannot open a terminal in "${requested}": give a full path (such as ${home}) or one starting with ~/.`);
    const cwd = resolve(expanded);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(cwd).isDirectory();
    } catch {
      throw new TerminalError('INVALID_CWD', `Cannot open a terminal in "${cwd}": there is no such folder.`);
    }
    if (!isDirectory) throw new TerminalError('INVALID_CWD', `Cannot open a terminal in "${cwd}": it is a file, not a folder.`);
    try {
      accessSync(cwd, constants.X_OK);
    } catch {
      throw new TerminalError('INVALID_CWD', `Cannot open a terminal in "${cwd}": you do not have permission to enter it.`);
    }
    return cwd;
  }
}

/** $SHELL when it can be run, else bash, else sh (Windows: %COMSPEC%). */
export function userShell(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return env.COMSPEC || 'cmd.exe';
  for (const candidate of [env.SHELL, '/bin/bash', '/bin/sh']) {
    if (candidate && isExecutable(candidate)) return candidate;
  }
  return '/bin/sh';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
