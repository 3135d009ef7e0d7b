import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium } from './fixtures/browser';
import { ensureDockerTestImage } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { type StackScenario, stackScenario } from './scenarios/stack-scenario';

// The desktop path in Chromium against `reign serve`, with a scripted model and the real Docker
// engine (e2e/scenarios/stack-scenario.ts). Screenshots of each stage: e2e/artifacts/scenario-*.png.

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let scenario: StackScenario | undefined;
let problem: string | null = null;

beforeAll(async () => {
  problem = builtAppProblem() ?? ensureDockerTestImage();
  if (problem) return;
  const launched = await launchChromium();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  scenario = stackScenario();
  serve = await startServe(isolatedEnv(), ['--workspace', scenario.workspace, '--transcript', scenario.transcript]);
}, 180_000);
afterAll(async () => {
  scenario?.cleanUp();
  await serve?.stop();
  await browser?.close();
});

describe('the desktop scenario', () => {
  it('asks for a stack, approves its plan in the graph, watches it run, sees the containers, and undoes it', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await new AppPage(page).open(serve!.url);
    await scenario!.run(page, 'scenario');
  }, 240_000);
});
