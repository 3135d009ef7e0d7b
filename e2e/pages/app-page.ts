import type { Locator, Page } from 'playwright-core';

export type PaneId = 'home' | 'chat' | 'plan' | 'editor' | 'terminals' | 'resources' | 'history' | 'settings';

/** The app frame, driven through the data-testid attributes listed in e2e/README.md. */
export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app and waits until it is connected: `reign serve` shows the page before its core has loaded. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.frame.waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="status-connection"]'), undefined, { timeout: 30_000 });
  }

  get frame(): Locator {
    return this.page.getByTestId('app-frame');
  }

  nav(pane: PaneId): Locator {
    return this.page.getByTestId(`nav-${pane}`);
  }

  pane(pane: PaneId): Locator {
    return this.page.getByTestId(`pane-${pane}`);
  }

  status(item: 'connection' | 'engine' | 'context' | 'model'): Locator {
    return this.page.getByTestId(`status-${item}`);
  }

  async goTo(pane: PaneId): Promise<void> {
    await this.nav(pane).click();
    await this.pane(pane).waitFor();
  }

  /** Waits until the doctor report has reached the status bar. */
  async statusReady(): Promise<void> {
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="status-engine"]')?.textContent?.includes('Checking'));
  }

  doctorCheck(name: string): Locator {
    return this.page.getByTestId(`doctor-check-${name}`);
  }
}
