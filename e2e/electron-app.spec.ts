import { type ElectronApplication, _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureDockerTestImage } from './fixtures/docker-engine';
import { electronBinary } from './fixtures/electron-binary';
import { builtAppProblem, isolatedEnv, repoRoot } from './fixtures/serve-process';
import { type StackScenario, stackScenario } from './scenarios/stack-scenario';

// The same desktop path as desktop-scenario.spec.ts, in the real Electron window through IPC
// (Playwright's _electron). It runs wherever an Electron binary is installed. Where none can be
// downloaded (as on this machine) it is skipped with the reason printed, in CI too: the binary is
// not part of what CI can provision, and the browser spec covers the same path over `reign serve`.

const binary = electronBinary();
let app: ElectronApplication | undefined;
let scenario: StackScenario | undefined;
let problem: string | null = null;

beforeAll(async () => {
  if ('problem' in binary) return;
  problem = builtAppProblem() ?? ensureDockerTestImage();
  if (problem) return;
  scenario = stackScenario();
  app = await electron.launch({
    executablePath: binary.path,
    args: [repoRoot, '--workspace', scenario.workspace, '--transcript', scenario.transcript],
    env: { ...isolatedEnv(), DISPLAY: process.env.DISPLAY ?? '' },
  });
}, 180_000);
afterAll(async () => {
  scenario?.cleanUp();
  await app?.close();
});

describe('the Electron app', () => {
  it('runs the desktop scenario in the Electron window over IPC', async (context) => {
    if ('problem' in binary) {
      console.warn(`SKIPPED electron-app.spec.ts: ${binary.problem}`);
      return context.skip(binary.problem);
    }
    if (problem) throw new Error(problem);
    const window = await app!.firstWindow();
    await window.getByTestId('app-frame').waitFor();
    await scenario!.run(window, 'electron');
  }, 240_000);
});
