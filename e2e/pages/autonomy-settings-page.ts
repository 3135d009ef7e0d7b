import type { Locator, Page } from 'playwright-core';

/** Settings → Autonomy from evaluation, driven through its data-testids. */
export class AutonomySettingsPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByTestId('settings-autonomy');
  }

  get enabled(): Locator {
    return this.section.getByTestId('autonomy-enabled');
  }

  get bar(): Locator {
    return this.section.getByTestId('autonomy-bar');
  }

  get barError(): Locator {
    return this.section.getByTestId('autonomy-bar-error');
  }

  get upTo(): Locator {
    return this.section.getByTestId('autonomy-up-to');
  }

  /**
   * Ticks or clears the box. The box shows what main stored, so it changes once main has answered
   * (Playwright's check() would look straight after the click).
   */
  async setEnabled(enabled: boolean): Promise<void> {
    if ((await this.enabled.isChecked()) !== enabled) await this.enabled.click();
    await this.page.waitForFunction((wanted) => (document.querySelector('[data-testid="autonomy-enabled"]') as HTMLInputElement | null)?.checked === wanted, enabled);
  }

  /** Types the bar (a percentage) and presses its Save. */
  async setBar(percent: string): Promise<void> {
    await this.bar.fill(percent);
    await this.section.getByTestId('autonomy-bar-save').click();
  }

  row(providerModel: string): Locator {
    return this.section.getByTestId(`autonomy-score-${providerModel}`);
  }

  /** One measured model's row as the user reads it, cell by cell. */
  async rowCells(providerModel: string): Promise<Record<string, string>> {
    const row = this.row(providerModel);
    await row.waitFor();
    const cell = async (id: string): Promise<string> => ((await row.getByTestId(id).textContent()) ?? '').trim();
    return {
      passAt1: await cell('autonomy-score-pass-at-1'),
      passHatK: await cell('autonomy-score-pass-hat-k'),
      safe: await cell('autonomy-score-safe'),
      tasks: await cell('autonomy-score-tasks'),
      measured: await cell('autonomy-score-measured'),
      default: await cell('autonomy-score-default'),
    };
  }
}
