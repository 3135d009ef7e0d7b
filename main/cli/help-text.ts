import { REIGN_VERSION } from '../core/version';

/** `reign --help`, with the subcommands families contribute after the built-in ones. */
export const helpText = (familyUsage: readonly string[]): string => `reign ${REIGN_VERSION} — operate your infrastructure through plans you approve

Usage:
  reign serve [--port N] [--open]   Serve the Reign UI on 127.0.0.1 (and ::1) with a per-start token
      --workspace DIR (where chats work; default here)   --transcript FILE (replay a scripted model)
  reign doctor [--json]             Show what Reign finds on this machine and how to fix what is missing
  reign risk [--json] -- COMMAND…   Classify a shell command line: read, write, destructive or critical, and why
  reign risk --stdin                Classify one command per input line; one JSON object per line out
  reign ask "REQUEST" [options]     Ask the agent; it looks, proposes a plan, runs what is approved, and reports
      --provider anthropic|ollama|scripted   --model M   --base-url URL   --transcript FILE (scripted)
      --approve none|read|write|destructive|all (default none, or from the model's eval score: settings autonomy)
      --workspace DIR   --json   --conversation ID
      exit codes: 0 done, 1 failed, 2 usage, 3 steps await approval, 130 cancelled
  reign eval TASKS_DIR [options]    Run k8s-ai-bench-format tasks (task.yaml, setup/verifier/cleanup) through the agent;
      score pass@1, pass@k, pass^k and safety (from the audit log)   --provider P --model M (scripted: each task's scripted.jsonl)
      --runs N   --task TEXT (tasks whose path contains it; repeatable)   --concurrency N (tasks at once)
      --out DIR (results.jsonl, summary.md)   --check-verifiers   --json   a real model's score is kept (settings modelScores)
      exit codes: 0 every run judged, 1 a run could not be judged (setup or model failed), 2 usage, 130 cancelled
  reign tools [--family F] [--json]  Every tool the agent and plans can use: family, description, input schema, undo
  reign mcp [--workspace DIR]       Serve Reign's tools to an MCP client over stdio: reads run, other steps wait for approval
  reign mcp --http [--port N]       The same over streamable HTTP on 127.0.0.1, with a per-start bearer token (printed on start)
  reign approvals list | approve ID | reject ID   Steps MCP clients proposed (approve a production target with --confirm NAME)
  reign conversations [--json]      Stored conversations, with tokens and cost
${familyUsage.join('')}  reign plan validate FILE          Check a plan file (YAML or JSON): tools, inputs, dependencies, cycles, references
  reign plan run FILE [options]     Run a plan: steps the policy allows, and those up to --approve
      --approve read|write|destructive|all   approve steps up to this risk (default: none beyond what policy allows)
      --concurrency N    steps at once (default: the graph's width, capped per engine)   --no-rollback   keep completed steps after a failure
      --workspace DIR    folder files and commands are confined to (default: here)
      --allow-critical STEP   allow one critical step for this run   --confirm NAME   confirm a production target
      --step-timeout MS  stop a step that runs longer   --reject STEP   do not run a step (its dependents are skipped)
      --json             one JSON event per line
  reign plan resume RUN [options]   Run what an interrupted or failed run did not finish (never repeats a done step)
  reign plan undo RUN               Undo a finished run, newest steps first
  reign runs list | show RUN        Past runs and their steps
  reign audit verify                Check the audit log's keyed chain, head file and run tables (exit 1 naming what is wrong)
  reign audit export [--run RUN]    The audit log as JSON lines
  reign settings [get KEY]          Print settings as JSON
  reign settings set KEY VALUE      Change one (VALUE is JSON), e.g. productionTargets '["kubernetes:prod-*"]'
  reign policy rules [--json]       Policy rules in the order they are checked (the last match wins), with ids and expiry
  reign policy rules add OPTIONS    Allow a tool on a target up to a risk (never destructive/critical on production)
      --tool T   --up-to read|write|destructive|critical   --verb "kubectl get" (shell commands starting with these words)
      --target GLOB (default: every target)   --expires hour|today|always (default always)
  reign policy rules remove ID      Revoke a rule; journaled
  reign --version                   Print the version
  reign --help                      Print this help
  reign COMMAND --help              Print only that command's lines

Environment:
  REIGN_HOME    Folder for Reign's data (default: the OS app-data folder)
  DOCKER_HOST, DOCKER_CONTEXT, KUBECONFIG are honoured as the docker and kubectl CLIs do.
`;
