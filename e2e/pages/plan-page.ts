import type { Locator } from 'playwright-core';
import { ChatPage } from './chat-page';

/** The chat and the plan graph, driven through their data-testids (e2e/README.md). */
export class ChatAndPlan extends ChatPage {
  step(id: string): Locator {
    return this.page.getByTestId(`plan-step-${id}`);
  }

  async stepStatus(id: string): Promise<string | null> {
    return this.step(id).getAttribute('data-status');
  }

  async waitForStep(id: string, status: string, timeout = 60_000): Promise<void> {
    await this.page.waitForFunction(([step, wanted]) => document.querySelector(`[data-testid="plan-step-${step}"]`)?.getAttribute('data-status') === wanted, [id, status] as const, { timeout });
  }

  /** Selects a step and opens it in the Editor with the keyboard (E). */
  async chooseAndEdit(id: string): Promise<void> {
    await this.step(id).click();
    await this.page.getByTestId('pane-plan').focus();
    await this.page.keyboard.press('e');
    await this.page.getByTestId('pane-editor').waitFor();
  }

  /** Approves the step, then "Allow again…" for this long; returns the scope the form showed. */
  async approveAndAllowAgain(id: string, expiry: 'hour' | 'today' | 'always'): Promise<string> {
    await this.step(id).click();
    await this.page.getByTestId('plan-approve').click();
    await this.page.getByTestId('plan-allow-again').click();
    const scope = (await this.page.getByTestId('plan-allow-again-scope').textContent()) ?? '';
    await this.page.getByTestId('plan-allow-again-expiry').selectOption(expiry);
    await this.page.getByTestId('plan-allow-again-add').click();
    await this.page.getByTestId('plan-allow-again-done').waitFor();
    return scope;
  }

  async waitForRun(status: string, timeout = 90_000): Promise<void> {
    await this.page.waitForFunction((wanted) => document.querySelector('[data-testid="plan-run-status"]')?.getAttribute('data-status') === wanted, status, { timeout });
  }
}
