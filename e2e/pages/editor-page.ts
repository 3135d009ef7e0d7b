import type { Locator, Page } from 'playwright-core';

/** The Editor pane, driven through its data-testids (e2e/README.md). */
export class EditorPage {
  constructor(readonly page: Page) {}

  get editor(): Locator {
    return this.page.getByTestId('editor');
  }

  get problems(): Locator {
    return this.page.getByTestId('editor-problem');
  }

  /** Drafts a scratch document and waits until Monaco is editing it. */
  async newFile(name: string): Promise<void> {
    await this.page.getByTestId('editor-new-name').fill(name);
    await this.page.getByTestId('editor-new').click();
    await this.page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
  }

  /** Replaces the whole text the way a person pastes it: focus, select all, insert. */
  async replaceText(text: string): Promise<void> {
    await this.editor.locator('.view-lines').click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.insertText(text);
  }

  async problemTexts(): Promise<string[]> {
    return this.problems.allTextContents();
  }
}
