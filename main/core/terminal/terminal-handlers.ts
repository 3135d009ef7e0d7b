import type { AuditLog } from '../audit/audit-log';
import type { CommandHandlers } from '../dispatch/command-handlers';
import type { TerminalService } from './terminal-service';

type TerminalCommand = 'terminal.open' | 'terminal.input' | 'terminal.resize' | 'terminal.close' | 'terminal.ack' | 'terminal.list';

/**
 * The contract's terminal commands. Opening and closing a terminal are journaled (where, which
 * shell, how it ended); what is typed and printed in it is not: that is the person's own shell,
 * like any terminal window, and would put secrets in the log.
 */
export function terminalHandlers(terminals: TerminalService, audit: AuditLog): Pick<CommandHandlers, TerminalCommand> {
  return {
    'terminal.open': (request, context) => {
      const opened = terminals.open(request);
      audit.append('terminal.opened', { ...opened, host: context.host });
      return opened;
    },
    'terminal.input': ({ id, data }) => (terminals.input(id, data), {}),
    'terminal.resize': ({ id, cols, rows }) => (terminals.resize(id, cols, rows), {}),
    'terminal.ack': ({ id, bytes }) => (terminals.ack(id, bytes), {}),
    'terminal.close': ({ id }, context) => {
      const { shell, cwd, exit } = terminals.close(id);
      audit.append('terminal.closed', { id, shell, cwd, exit, host: context.host });
      return { closed: true as const };
    },
    'terminal.list': () => ({ sessions: terminals.list(), defaultCwd: terminals.defaultCwd }),
  };
}
