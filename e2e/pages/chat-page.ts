import type { Locator, Page } from 'playwright-core';

declare global {
  interface Window {
    __chatStates?: string[];
  }
}

/** The chat pane, driven through its data-testids (e2e/README.md). */
export class ChatPage {
  constructor(readonly page: Page) {}

  /**
   * Records every value `chat-state` shows, from the first paint on: scripted turns stream in
   * milliseconds, faster than polling could see the intermediate states.
   */
  static async recordStates(page: Page): Promise<void> {
    await page.addInitScript(() => {
      window.__chatStates = [];
      const note = (): void => {
        const state = document.querySelector('[data-testid="chat-state"]')?.getAttribute('data-state');
        if (state && window.__chatStates!.at(-1) !== state) window.__chatStates!.push(state);
      };
      new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
  }

  states(): Promise<string[]> {
    return this.page.evaluate(() => window.__chatStates ?? []);
  }

  get input(): Locator {
    return this.page.getByTestId('chat-input');
  }

  get messages(): Locator {
    return this.page.getByTestId('chat-messages');
  }

  message(kind: string): Locator {
    return this.page.locator(`[data-testid="chat-message"][data-kind="${kind}"]`);
  }

  toolCard(tool: string): Locator {
    return this.page.locator(`[data-testid="chat-tool-card"][data-tool="${tool}"]`);
  }

  /** Sends from the chat pane, going there first: the app opens on the dashboard. */
  async send(text: string): Promise<void> {
    if (!(await this.input.isVisible())) {
      await this.page.getByTestId('nav-chat').click();
      await this.input.waitFor();
    }
    await this.input.fill(text);
    await this.page.getByTestId('chat-send').click();
  }

  state(): Promise<string | null> {
    return this.page.getByTestId('chat-state').getAttribute('data-state');
  }

  async waitForState(state: string, timeout = 30_000): Promise<void> {
    await this.page.waitForFunction((wanted) => document.querySelector('[data-testid="chat-state"]')?.getAttribute('data-state') === wanted, state, { timeout });
  }

  async chooseProvider(provider: string, model?: string): Promise<void> {
    await this.page.getByTestId('chat-provider').selectOption(provider);
    if (model !== undefined) {
      // chooseProvider fills in a model once the list arrives; wait for that before typing ours.
      await this.page.waitForFunction(() => document.querySelector('[data-testid="chat-models-problem"]') || (document.querySelector('[data-testid="chat-model"]') as HTMLInputElement | null)?.value);
      await this.page.getByTestId('chat-model').fill(model);
    }
  }

  conversation(id: string): Locator {
    return this.page.getByTestId(`chat-conversation-${id}`);
  }

  /** The id of the conversation the pane shows, once the list marks it. */
  async currentConversationId(): Promise<string> {
    const current = this.page.locator('[data-testid^="chat-conversation-"][aria-current="true"]');
    await current.waitFor();
    return (await current.getAttribute('data-testid'))!.slice('chat-conversation-'.length);
  }
}


/** `seen` holds the items of `wanted` in this order (others may come between). */
export function inOrder(seen: readonly string[], wanted: readonly string[]): boolean {
  let at = 0;
  for (const item of seen) if (item === wanted[at]) at += 1;
  return at === wanted.length;
}
