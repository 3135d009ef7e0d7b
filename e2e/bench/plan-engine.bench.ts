import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AuditLog } from '../../main/core/audit/audit-log';
import { Redactor } from '../../main/core/audit/redactor';
import { runGraph } from '../../main/core/plan/graph-scheduler';
import { parsePlanText } from '../../main/core/plan/plan-loader';
import { PlanRunner } from '../../main/core/plan/plan-runner';
import { PolicyEngine } from '../../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../../main/core/policy/shell/create-shell-analyzer';
import { openDatabase } from '../../main/core/storage/database';
import { builtinTools, familyVerbs } from '../fixtures/family-tools';
import { ToolRegistry } from '../../main/core/tools/tool-registry';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { builtAppProblem, repoRoot } from '../fixtures/serve-process';

// Figures for the plan engine, each against a baseline measured in the same run.

const corpus = join(repoRoot, '..', 'shared', 'corpora', 'tldr', 'commands-filled.tsv');

it('reign risk --stdin throughput over the tldr commands', async (context) => {
  requireInfrastructure(context, builtAppProblem() ?? (existsSync(corpus) ? null : `${corpus} is missing`), 'The built CLI and the shared corpora');
  const [header, ...rows] = readFileSync(corpus, 'utf8').split('\n').filter(Boolean);
  const column = header!.split('\t').indexOf('command_filled');
  const input = `${rows.map((row) => (row.split('\t')[column] ?? '').replace(/\n/g, ' ')).filter(Boolean).join('\n')}\n`;
  const count = input.split('\n').filter(Boolean).length;
  const timed = async (args: string[]): Promise<{ ms: number; lines: number }> => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => (lines += chunk.toString().split('\n').length - 1));
    child.stdin.end(input);
    await new Promise((resolve) => child.once('exit', resolve));
    return { ms: performance.now() - started, lines };
  };
  // Baseline: a Node process that reads the same lines and prints one JSON object each, classifying nothing.
  const baseline = await timed(['-e', "require('readline').createInterface({input:process.stdin}).on('line',l=>l.trim()&&console.log(JSON.stringify({command:l})))"]);
  const reign = await timed([join(repoRoot, 'main/cli/reign-bin.js'), 'risk', '--stdin']);
  expect(reign.lines).toBe(count);
  console.log(
    `bench risk-stdin: ${count} tldr commands\n  reign risk --stdin ${reign.ms.toFixed(0)} ms = ${((count / reign.ms) * 1000).toFixed(0)} commands/s (process start included)\n` +
      `  baseline (read + print JSON, no classification) ${baseline.ms.toFixed(0)} ms = ${((count / baseline.ms) * 1000).toFixed(0)} lines/s\n  ratio ${(reign.ms / baseline.ms).toFixed(2)}× baseline`,
  );
});

it('audit append throughput with the hash chain', async () => {
  const events = 20_000;
  // Step output arrives in chunks; the lines of one chunk are journaled in the same tick.
  const burst = 50;
  const payload = (i: number) => ({ type: 'step.output', runId: 'bench', step: `s${i % 50}`, stream: 'stdout', text: `line ${i}: building layer sha256:${'ab'.repeat(16)} token=not-a-secret-${i}` });
  const db = openDatabase({ file: join(mkdtempSync(join(tmpdir(), 'reign-bench-')), 'reign.db') });
  // Baseline: the same rows inserted with no hashing or redaction, one autocommitted statement each.
  const plain = db.prepare("INSERT INTO audit (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (?, ?, 'baseline', 'x', ?, '', '')");
  let started = performance.now();
  for (let i = 0; i < events; i++) plain.run(i + 1, new Date().toISOString(), JSON.stringify(payload(i)));
  const baselineMs = performance.now() - started;
  db.exec('DELETE FROM audit');
  const audit = new AuditLog(db, new Redactor());
  // append: committed on return, one transaction per event (approvals, step starts, row journals).
  started = performance.now();
  for (let i = 0; i < events; i++) audit.append('step.output', payload(i), 'bench');
  const auditMs = performance.now() - started;
  // appendBatched: the events of one tick in one transaction (step output), `burst` per tick.
  started = performance.now();
  for (let i = 0; i < events; i += burst) {
    for (let j = i; j < i + burst; j++) audit.appendBatched('step.output', payload(j), 'bench');
    await new Promise((resolve) => setImmediate(resolve));
  }
  audit.flush();
  const batchedMs = performance.now() - started;
  expect(audit.verify()).toMatchObject({ ok: true, rows: 2 * events });
  const rate = (ms: number) => ((events / ms) * 1000).toFixed(0);
  console.log(
    `bench audit-append: ${events} events each way\n  hash-chained, redacted, batched per tick (${burst} a tick) ${rate(batchedMs)} events/s (${batchedMs.toFixed(0)} ms), ratio ${(batchedMs / baselineMs).toFixed(2)}× baseline\n` +
      `  hash-chained, redacted, committed one by one ${rate(auditMs)} events/s (${auditMs.toFixed(0)} ms), ratio ${(auditMs / baselineMs).toFixed(2)}× baseline\n` +
      `  baseline plain inserts ${rate(baselineMs)} rows/s (${baselineMs.toFixed(0)} ms)`,
  );
});

it('scheduler overhead on a 1,000-step plan of no-op steps with a wide dependency graph', async () => {
  const steps = 1000;
  // A wide graph: 10 roots, each later step depends on two steps of the previous layer of 10.
  const nodes = Array.from({ length: steps }, (_, i) => ({ id: `s${i}`, dependsOn: i < 10 ? [] : [`s${i - 10}`, `s${i - 10 - ((i % 10) === 0 ? 0 : 1)}`].filter((v, k, all) => all.indexOf(v) === k) }));
  const yaml = `steps:\n${nodes.map((node) => `  - { id: ${node.id}, tool: files.read, input: { path: missing }, dependsOn: [${node.dependsOn.join(', ')}] }`).join('\n')}\n`;
  // Baseline: the bare graph scheduler running no-op functions.
  let started = performance.now();
  await runGraph({ nodes, concurrency: 8, preset: new Map(), execute: async () => 'succeeded', shouldStop: () => false, onSkipped: () => {} });
  const graphMs = performance.now() - started;
  // The whole runner: validation, classification, policy, approvals, persistence in SQLite, events.
  const registry = new ToolRegistry().register(...builtinTools);
  const noop = { ...registry.get('files.read')!, name: 'files.read', run: async () => ({ ok: true as const, output: { path: '', content: '', bytes: 0 } }) };
  const noopRegistry = new ToolRegistry().register(...builtinTools.filter((tool) => tool.name !== 'files.read'), noop);
  const { RunRepository } = await import('../../main/core/plan/run-repository');
  const repository = new RunRepository(openDatabase({ file: join(mkdtempSync(join(tmpdir(), 'reign-bench-')), 'reign.db') }));
  let eventCount = 0;
  const runner = new PlanRunner({ registry: noopRegistry, policy: new PolicyEngine(), shell: await createShellAnalyzer(familyVerbs), repository, emit: () => void eventCount++ });
  const loaded = parsePlanText(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 3)));
  started = performance.now();
  const result = await runner.run({ plan: loaded.plan, workspace: tmpdir(), approveUpTo: 'read', concurrency: 8 });
  const runnerMs = performance.now() - started;
  expect(result.status).toBe('succeeded');
  // As the app runs plans: every event and every run-table row journaled in the audit log, each committed before the run goes on.
  const journaledDb = openDatabase({ file: join(mkdtempSync(join(tmpdir(), 'reign-bench-')), 'reign.db') });
  const audit = new AuditLog(journaledDb, new Redactor());
  const journaled = new PlanRunner({ registry: noopRegistry, policy: new PolicyEngine(), shell: await createShellAnalyzer(familyVerbs), repository: new RunRepository(journaledDb, new Redactor(), audit), emit: (event) => void audit.append(event.type, event, event.runId) });
  started = performance.now();
  const journaledResult = await journaled.run({ plan: loaded.plan, workspace: tmpdir(), approveUpTo: 'read', concurrency: 8 });
  const journaledMs = performance.now() - started;
  expect(journaledResult.status).toBe('succeeded');
  expect(audit.verify()).toMatchObject({ ok: true });
  console.log(
    `bench scheduler: ${steps} no-op steps, wide graph, concurrency 8\n  full runner (validate, classify, approve, persist, ${eventCount} events) ${runnerMs.toFixed(0)} ms = ${(runnerMs / steps).toFixed(3)} ms/step\n` +
      `  the same with the audit log journaling every event and row, as in the app: ${journaledMs.toFixed(0)} ms = ${(journaledMs / steps).toFixed(3)} ms/step\n` +
      `  baseline bare graph scheduler ${graphMs.toFixed(0)} ms = ${(graphMs / steps).toFixed(3)} ms/step\n  ratio ${(runnerMs / graphMs).toFixed(1)}× baseline`,
  );
});
