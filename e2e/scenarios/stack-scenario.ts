import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { labelled, removeLabelled, TEST_IMAGE } from '../fixtures/docker-engine';
import { repoRoot } from '../fixtures/serve-process';
import { AppPage } from '../pages/app-page';
import { EditorPage } from '../pages/editor-page';
import { ChatAndPlan } from '../pages/plan-page';
import { writeTranscript } from '../fixtures/transcripts';

// The whole desktop path, the same in Chromium against `reign serve` and in the Electron window:
// ask for a small stack (scripted model), review the plan graph, edit a step in Monaco, approve,
// watch it run and stream, see the containers in Resources, undo the run and see them gone.

export interface StackScenario {
  readonly workspace: string;
  readonly transcript: string;
  /** Removes whatever the scenario left on the Docker engine. */
  cleanUp(): void;
  /** Drives the app in `page` (already showing the app frame) through the whole path. */
  run(page: Page, shotPrefix: string): Promise<void>;
}

export function stackScenario(): StackScenario {
  const id = randomUUID().slice(0, 8);
  const label = `reign.test=scenario-${id}`;
  const labels = { 'reign.test': `scenario-${id}` };
  const prefix = `reign-sc-${id}`;
  const artifacts = join(repoRoot, 'e2e', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const compose = `services:\n  web:\n    image: ${TEST_IMAGE}\n    command: [httpd, -f, -p, "80", -h, /www]\n  cache:\n    image: ${TEST_IMAGE}\n    command: [sleep, "3600"]\n`;

  const edited = `${compose}    restart: always`;

  const transcript = [
    { text: 'First I will look at what is running.', tool_calls: [{ name: 'docker.container.list', arguments: { label: [label] } }] },
    {
      text: 'Nothing of this stack runs yet. Here is the plan.',
      tool_calls: [
        {
          name: 'propose_plan',
          arguments: {
            summary: 'Bring up a web server and a cache on their own network, and check that the cache reaches the web server',
            steps: [
              { id: 'compose', tool: 'files.write', input: { path: 'stack/compose.yaml', content: compose } },
              { id: 'net', tool: 'docker.network.create', input: { name: `${prefix}-net`, labels } },
              { id: 'web', tool: 'docker.container.run', dependsOn: ['net'], input: { image: TEST_IMAGE, name: `${prefix}-web`, labels, networks: [{ name: `${prefix}-net`, aliases: ['www'] }], command: ['httpd', '-f', '-p', '80', '-h', '/www'] } },
              { id: 'cache', tool: 'docker.container.run', dependsOn: ['net'], input: { image: TEST_IMAGE, name: `${prefix}-cache`, labels, networks: [{ name: `${prefix}-net`, aliases: [] }], command: ['sleep', '3600'] } },
              { id: 'smoke', tool: 'docker.container.exec', dependsOn: ['web', 'cache'], input: { id: `${prefix}-cache`, command: ['sh', '-c', 'for i in 1 2 3 4; do echo tick $i; sleep 0.5; done; wget -q -O - http://www/'] } },
            ],
          },
        },
      ],
    },
    { text: 'The stack is up: **web** serves on `' + `${prefix}-net` + '` and **cache** reaches it by name.\n\n```yaml\nservices: [web, cache]\n```' },
  ];
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-scenario-')));
  const file = writeTranscript(transcript);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name) });
  return {
    workspace,
    transcript: file,
    cleanUp: () => removeLabelled(label),
    run: async (page, shotPrefix) => {
      const app = new AppPage(page);
      const ui = new ChatAndPlan(page);
      await app.goTo('chat');
      // The defaults arrive after the pane is shown.
      await expect.poll(() => page.getByTestId('chat-provider').inputValue()).toBe('scripted');
      await expect.poll(() => page.getByTestId('chat-workspace').inputValue()).toBe(workspace);

      await ui.send('Bring up a small web stack: a web server and a cache on their own network');
      await ui.waitForState('waiting-for-approval');
      const toolCard = page.getByTestId('chat-tool-card').first();
      expect(await toolCard.getAttribute('data-tool')).toBe('docker.container.list');
      expect(await toolCard.getAttribute('data-state')).toBe('done');
      expect(await page.getByTestId('chat-messages').textContent()).toMatch(/Proposed a plan of 5 steps/);
      await shot(page, `${shotPrefix}-1-chat.png`);

      // The plan graph: the right steps with their risks, every one waiting for the person.
      await page.getByTestId('chat-plan-open').click();
      await app.pane('plan').waitFor();
      expect(await page.getByTestId('plan-graph').getAttribute('data-steps')).toBe('5');
      const risks = Object.fromEntries(await Promise.all(['compose', 'net', 'web', 'cache', 'smoke'].map(async (step) => [step, await ui.step(step).getAttribute('data-risk')])));
      expect(risks).toEqual({ compose: 'write', net: 'write', web: 'write', cache: 'write', smoke: 'write' });
      for (const step of ['compose', 'net', 'web', 'cache', 'smoke']) expect(await ui.stepStatus(step)).toBe('needs-approval');

      // A preview: what the step will run, on which target, and why it has its risk.
      await ui.step('web').click();
      const details = page.getByTestId('plan-step-details');
      expect(await details.getAttribute('data-step')).toBe('web');
      expect(await page.getByTestId('plan-step-preview').textContent()).toContain(`${prefix}-web`);
      expect(await details.textContent()).toMatch(/on .+ \(docker\)/);
      await ui.step('compose').click();
      expect(await page.getByTestId('plan-step-preview').getAttribute('data-kind')).toBe('file');
      await page.getByTestId('plan-step-preview').locator('.monaco-diff-editor').waitFor();
      await shot(page, `${shotPrefix}-2-plan-graph.png`);

      // Edit the compose file the step writes, in Monaco with the compose schema; saving sends it back
      // to the step, which is validated and classified again and loses any approval it had.
      await ui.chooseAndEdit('compose');
      const editor = new EditorPage(page);
      await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
      expect(await editor.editor.getAttribute('data-language')).toBe('yaml');
      // Typed as a person would (Monaco indents pasted lines itself): a misspelt key at the end.
      await editor.editor.locator('.view-lines').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('    restrat: always');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="editor-problem"]')].some((row) => /restrat/.test(row.textContent ?? '')));
      await shot(page, `${shotPrefix}-3-editor.png`);
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('restart: always');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor-problem"]').length === 0);
      await page.getByTestId('editor-diff-toggle').click();
      await page.getByTestId('editor-diff').waitFor();
      await page.getByTestId('editor-save').click();
      await page.waitForFunction(() => document.querySelector('[data-testid^="editor-tab-"]')?.getAttribute('data-dirty') === 'false');
      await app.goTo('plan');
      expect(await ui.step('compose').textContent()).toMatch(/edited/);
      expect(await ui.stepStatus('compose')).toBe('needs-approval');
      expect(await page.getByTestId('plan-step-preview-text').textContent()).toBe(edited);

      // Keyboard: move to a step and reject it, then approve it again.
      await page.getByTestId('pane-plan').focus();
      await page.keyboard.press('ArrowDown');
      expect(await details.getAttribute('data-step')).toBe('net');
      await page.keyboard.press('r');
      expect(await ui.stepStatus('net')).toBe('rejected');
      await page.keyboard.press('a');
      expect(await ui.stepStatus('net')).toBe('approved');

      // Approve everything up to write and run; the steps run, their output streams.
      await page.getByTestId('plan-approve-level').selectOption('write');
      await page.getByTestId('plan-approve-all').click();
      for (const step of ['compose', 'net', 'web', 'cache', 'smoke']) expect(await ui.stepStatus(step)).toBe('approved');
      await ui.step('smoke').click();
      await page.getByTestId('plan-submit').click();
      await ui.waitForStep('smoke', 'running');
      await page.waitForFunction(() => /tick 1/.test(document.querySelector('[data-testid="step-output-smoke"]')?.textContent ?? ''));
      const streamedEarly = await page.getByTestId('step-output-smoke').textContent();
      expect(streamedEarly).not.toMatch(/tick 4/); // output arrives while the step still runs
      await shot(page, `${shotPrefix}-4-running.png`);
      await ui.waitForRun('succeeded');
      for (const step of ['compose', 'net', 'web', 'cache', 'smoke']) expect(await ui.stepStatus(step)).toBe('succeeded');
      expect(await page.getByTestId('step-output-smoke').textContent()).toMatch(/tick 4/);
      await shot(page, `${shotPrefix}-5-succeeded.png`);
      expect(readFileSync(join(workspace, 'stack', 'compose.yaml'), 'utf8')).toBe(edited);
      expect(labelled(label).containers.sort()).toEqual([`${prefix}-cache`, `${prefix}-web`]);

      // The agent's answer streams into the chat when the run is done.
      await app.goTo('chat');
      await ui.waitForState('done');
      expect(await page.getByTestId('chat-messages').textContent()).toMatch(/The stack is up: web serves on/); // markdown rendered
      expect(await page.getByTestId('chat-code-copy').count()).toBe(1);

      // Resources shows the containers, live.
      await app.goTo('resources');
      await page.getByTestId('resources-filter').fill(prefix);
      for (const name of [`${prefix}-web`, `${prefix}-cache`]) {
        await page.getByTestId(`resources-row-${name}`).waitFor();
        expect(await page.getByTestId(`resources-row-${name}`).getByTestId('resources-status').textContent()).toBe('running');
      }
      await shot(page, `${shotPrefix}-6-resources.png`);

      // Undo the run: every step undone, the containers and the network gone, the file removed.
      await app.goTo('plan');
      await page.getByTestId('plan-undo').click();
      await ui.waitForRun('undone');
      for (const step of ['compose', 'net', 'web', 'cache']) expect(await ui.stepStatus(step)).toBe('undone');
      expect(await page.getByTestId('plan-run-log').textContent()).toMatch(/↺ web undone/);
      await shot(page, `${shotPrefix}-7-undone.png`);
      expect(labelled(label)).toEqual({ containers: [], networks: [], volumes: [] });
      expect(existsSync(join(workspace, 'stack', 'compose.yaml'))).toBe(false);
      await app.goTo('resources');
      await page.waitForFunction((name) => !document.querySelector(`[data-testid="resources-row-${name}"]`), `${prefix}-web`);
      expect(spawnSync('docker', ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    },
  };
}
