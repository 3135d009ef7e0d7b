import type { Locator, Page } from 'playwright-core';

/** The Terminals pane, driven through its data-testids; output is read from xterm's own rendered rows. */
export class TerminalsPage {
  constructor(readonly page: Page) {}

  get tabs(): Locator {
    return this.page.getByTestId('terminal-tabs');
  }

  get cwd(): Locator {
    return this.page.getByTestId('terminal-cwd');
  }

  get view(): Locator {
    return this.page.getByTestId('terminal-view');
  }

  tab(id: string): Locator {
    return this.page.getByTestId(`terminal-tab-${id}`);
  }

  async tabIds(): Promise<string[]> {
    return this.page.$$eval('[data-testid^="terminal-tab-"]', (tabs) => tabs.map((tab) => tab.getAttribute('data-testid')!.slice('terminal-tab-'.length)));
  }

  /** Opens a terminal (in `cwd`, or the folder the field shows) and waits until it is the active view. Returns its id. */
  async open(cwd?: string): Promise<string> {
    const before = await this.tabIds();
    if (cwd !== undefined) await this.cwd.fill(cwd);
    await this.page.getByTestId('terminal-new').click();
    await this.page.waitForFunction((known) => {
      const id = document.querySelector('[data-testid="terminal-view"]')?.getAttribute('data-terminal-id');
      return id && !known.includes(id) ? id : null;
    }, before);
    return (await this.view.getAttribute('data-terminal-id'))!;
  }

  /** The active terminal's visible rows, as text. */
  rows(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="terminal-view"] .xterm-rows > div')].map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()),
    );
  }

  /** Waits until a visible row of the active terminal matches. */
  async waitForRow(pattern: RegExp, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      ({ source, flags }) => {
        const rows = [...document.querySelectorAll('[data-testid="terminal-view"] .xterm-rows > div')];
        return rows.some((row) => new RegExp(source, flags).test((row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
      },
      { source: pattern.source, flags: pattern.flags },
      { timeout },
    );
  }

  /** Closes every terminal tab (sessions outlive the page: they belong to the serve process). */
  async closeAll(): Promise<void> {
    for (const id of await this.tabIds()) await this.page.getByTestId(`terminal-close-${id}`).click();
    await this.page.getByTestId('terminal-empty').waitFor();
  }

  /** Types a line into the active terminal and presses Enter. */
  async run(line: string): Promise<void> {
    await this.view.click();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }
}
