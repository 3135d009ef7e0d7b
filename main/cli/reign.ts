import { parseArgs } from 'node:util';
import { openCliCore } from './cli-core';
import { REIGN_VERSION } from '../core/version';
import { type CliIo, processIo } from './cli-io';
import { commandHelp } from './command-help';
import { helpText } from './help-text';
import { parseErrorMessage } from './parse-error-message';

export const globalOptions = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  port: { type: 'string' },
  open: { type: 'boolean' },
  http: { type: 'boolean' },
  stdin: { type: 'boolean' },
  approve: { type: 'string' },
  concurrency: { type: 'string' },
  'no-rollback': { type: 'boolean' },
  workspace: { type: 'string' },
  'allow-critical': { type: 'string', multiple: true },
  confirm: { type: 'string', multiple: true },
  'step-timeout': { type: 'string' },
  rerun: { type: 'string', multiple: true },
  'assume-done': { type: 'string', multiple: true },
  reject: { type: 'string', multiple: true },
  provider: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  transcript: { type: 'string' },
  conversation: { type: 'string' },
  run: { type: 'string' },
  family: { type: 'string' },
} as const;

/** The options of `reign policy rules add`, parsed only for `reign policy`. */
const policyOptions = {
  tool: { type: 'string' },
  verb: { type: 'string' },
  target: { type: 'string' },
  'up-to': { type: 'string' },
  expires: { type: 'string' },
} as const;

/** The options of `reign eval`, parsed only for it. */
const evalOptions = {
  runs: { type: 'string' },
  out: { type: 'string' },
  task: { type: 'string', multiple: true },
  'check-verifiers': { type: 'boolean' },
} as const;

const builtInCommands = ['serve', 'doctor', 'plan', 'runs', 'audit', 'settings', 'ask', 'eval', 'conversations', 'tools', 'risk', 'policy', 'mcp', 'approvals', 'help'];

const commandsTakingWords = ['plan', 'runs', 'audit', 'settings', 'ask', 'eval', 'policy', 'approvals'];

/** Options only one command has (`reign eval --runs`, a family's `reign compose -f`), to say where a misplaced one belongs. */
async function optionsOfOtherCommands(named: string | undefined): Promise<Record<string, string>> {
  const { families } = await import('../core/families');
  const owners: Record<string, string> = {};
  const add = (command: string, options: object): void => {
    if (command === named) return;
    for (const option of Object.keys(options)) if (!(option in globalOptions)) owners[option] ??= command;
  };
  add('policy', policyOptions);
  add('eval', evalOptions);
  for (const command of families.flatMap((family) => family.commands ?? [])) add(command.name, command.options ?? {});
  return owners;
}

/** The `reign` command line. Returns the exit code; never calls process.exit itself. Commands load on use, so a quick one does not load every SDK. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // The command decides which options exist: a family's subcommand (`reign compose -f …`) adds its own.
  const first = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options: globalOptions });
  if (first.values.version) {
    io.stdout(`reign ${REIGN_VERSION}\n`);
    return 0;
  }
  const named = first.positionals[0];
  const familyCommand = named && !builtInCommands.includes(named) ? (await import('../core/families')).families.flatMap((family) => family.commands ?? []).find((candidate) => candidate.name === named) : undefined;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...globalOptions, ...(named === 'policy' ? policyOptions : {}), ...(named === 'eval' ? evalOptions : {}), ...(familyCommand?.options ?? {}) } });
  } catch (error) {
    const knownCommand = named !== undefined && (builtInCommands.includes(named) || familyCommand !== undefined) ? named : undefined;
    const message = parseErrorMessage(error, {
      command: knownCommand,
      options: { ...globalOptions, ...(named === 'policy' ? policyOptions : {}), ...(named === 'eval' ? evalOptions : {}), ...(familyCommand?.options ?? {}) },
      elsewhere: await optionsOfOtherCommands(named),
      ...(knownCommand === 'risk' ? { commandLine: argv.slice(argv.indexOf('risk') + 1).filter((word) => word !== '--') } : {}),
    });
    io.stderr(message ?? `reign: ${(error as Error).message}\nRun 'reign --help' for the options.\n`);
    return 2;
  }
  const values = parsed.values as { [K in keyof typeof globalOptions]?: (typeof globalOptions)[K] extends { multiple: true } ? string[] : (typeof globalOptions)[K] extends { type: 'boolean' } ? boolean : string };
  const [command, ...rest] = parsed.positionals;
  if (values.help || !command || command === 'help') {
    const { families } = await import('../core/families');
    const full = helpText(families.flatMap((family) => family.commands ?? []).map((candidate) => candidate.usage));
    io.stdout((command && command !== 'help' && commandHelp(full, command)) || full);
    return 0;
  }
  if (command === 'risk') {
    const [{ createShellAnalyzer }, { riskCommand }, { families }] = await Promise.all([import('../core/policy/shell/create-shell-analyzer'), import('./risk-command'), import('../core/families')]);
    const analyzer = await createShellAnalyzer(families.flatMap((family) => (family.verbs ? [family.verbs] : [])));
    return riskCommand(analyzer, io, { words: rest, json: values.json ?? false, stdin: values.stdin ? (io.stdin ?? process.stdin) : null });
  }
  const takesWords = commandsTakingWords.includes(command) || familyCommand !== undefined;
  if (rest.length && !takesWords) {
    io.stderr(`reign: unexpected argument "${rest[0]}".\nRun \`reign --help\` for usage.\n`);
    return 2;
  }
  if (!builtInCommands.includes(command) && !familyCommand) {
    io.stderr(`reign: unknown command "${command}".\nRun \`reign --help\` for usage.\n`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`reign: --port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}".\n`);
    return 2;
  }

  // A report leaves nothing behind: no data folder, database or audit key on a machine Reign never ran on.
  if (command === 'doctor') return await (await import('./doctor-without-data')).doctorWithoutData(io, values.json ?? false);

  // The page's files are served while the core loads: `reign serve` listens first (host/deferred-core.ts).
  if (command === 'serve') {
    try {
      return await (await import('./serve-command')).serveCommand(() => openCliCore(io, true), io, { port, open: values.open ?? false, workspace: values.workspace, transcript: values.transcript });
    } catch (error) {
      return unexpectedError(io, error);
    }
  }
  // MCP servers start only for commands that offer or run tools (not `reign approvals`, `audit`, `runs`…).
  const opened = await openCliCore(io, ['doctor', 'plan', 'ask', 'eval', 'tools', 'mcp'].includes(command) || familyCommand !== undefined);
  if (typeof opened === 'number') return opened;
  const { core } = opened;
  try {
    const json = values.json ?? false;
    const planOptions = {
      approve: values.approve,
      concurrency: values.concurrency,
      rollback: !values['no-rollback'],
      workspace: values.workspace,
      json,
      allowCritical: values['allow-critical'] ?? [],
      confirm: values.confirm ?? [],
      stepTimeout: values['step-timeout'],
      rerun: values.rerun ?? [],
      assumeDone: values['assume-done'] ?? [],
      reject: values.reject ?? [],
    };
    if (familyCommand) {
      const { printClassifiedPlan, runPlan } = await import('./plan-commands');
      return await familyCommand.run(
        {
          io,
          json,
          workspace: values.workspace,
          tools: core.tools,
          policy: core.policy,
          redactor: core.redactor,
          shell: () => core.shell(),
          secret: core.operations.secret,
          runPlan: (plan, workspace) => runPlan(core, io, plan, { ...planOptions, workspace }, undefined),
          printPlan: (plan, workspace) => printClassifiedPlan(core, io, plan, workspace, json),
        },
        rest,
        parsed.values,
      );
    }
    switch (command) {
      case 'plan':
        return await (await import('./plan-commands')).planCommand(core, io, rest, planOptions);
      case 'runs':
        return (await import('./runs-command')).runsCommand(core, io, rest, json);
      case 'audit':
        return (await import('./audit-command')).auditCommand(core, io, rest, values.run);
      case 'settings':
        return (await import('./settings-command')).settingsCommand(core, io, rest);
      case 'policy': {
        const policy = parsed.values as { [K in keyof typeof policyOptions]?: string };
        return (await import('./policy-command')).policyCommand(core, io, rest, { json, tool: policy.tool, verb: policy.verb, target: policy.target, upTo: policy['up-to'], expires: policy.expires });
      }
      case 'tools':
        return (await import('./tools-command')).toolsCommand(core, io, { family: values.family, json });
      case 'mcp':
        return await (await import('./mcp-command')).mcpCommand(core, io, { workspace: values.workspace, http: values.http ?? false, port: values.port === undefined ? undefined : port });
      case 'approvals':
        return await (await import('./approvals-command')).approvalsCommand(core, io, rest, { json, confirm: values.confirm ?? [] });
      case 'eval': {
        const evaluation = parsed.values as { runs?: string; out?: string; task?: string[]; 'check-verifiers'?: boolean };
        return await (await import('./eval-command')).evalCommand(core, io, rest, {
          provider: values.provider,
          model: values.model,
          baseUrl: values['base-url'],
          runs: evaluation.runs,
          concurrency: values.concurrency,
          out: evaluation.out,
          tasks: evaluation.task ?? [],
          checkVerifiers: evaluation['check-verifiers'] ?? false,
          json,
        });
      }
      case 'conversations':
        return (await import('./conversations-command')).conversationsCommand(core, io, json);
      case 'ask':
        return await (await import('./ask-command')).askCommand(core, io, rest.join(' '), {
          provider: values.provider,
          model: values.model,
          baseUrl: values['base-url'],
          transcript: values.transcript,
          approve: values.approve,
          workspace: values.workspace,
          json,
          conversation: values.conversation,
        });
      default:
        return await (await import('./doctor-command')).doctorCommand(core.doctor, io, json);
    }
  } catch (error) {
    return unexpectedError(io, error);
  } finally {
    await opened.dispose();
  }
}

/** Failures a user can act on are reported by the commands; anything reaching here is a bug. */
function unexpectedError(io: CliIo, error: unknown): number {
  io.stderr(`reign: unexpected error: ${(error as Error).message}${io.env.REIGN_DEBUG ? `\n${(error as Error).stack}` : ' (set REIGN_DEBUG=1 for details)'}\n`);
  return 1;
}
