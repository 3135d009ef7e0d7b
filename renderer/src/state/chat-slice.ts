import type { ChatEvent, CommandResponse, ConversationSummaryView, ProviderId, SessionStateView, Settings } from '../../../preload/contract';
import { answerQuestion, applyChatEvent, type ChatEntry, fromTranscript } from './chat-transcript';
import type { Slice } from './slice-types';

type Usage = Extract<ChatEvent, { type: 'usage' }>['total'];

export interface ChatSlice {
  chat: {
    defaults: CommandResponse<'chat.defaults'> | null;
    conversations: ConversationSummaryView[];
    /** The conversation shown; null for a new one not yet sent. */
    activeId: string | null;
    entries: readonly ChatEntry[];
    state: SessionStateView;
    provider: ProviderId | null;
    model: string;
    workspace: string;
    usage: { total: Usage; costUsd: number | null } | null;
    pendingQuestion: string | null;
    /** A request refused before the session started (no key, busy…): shown under the input. */
    error: string | null;
    sending: boolean;
    models: { provider: ProviderId; names: string[]; problem: string | null } | null;
    pull: { model: string; status: string; completed: number | null; total: number | null; error: string | null } | null;
  };
  loadChat(): Promise<void>;
  loadConversations(): Promise<void>;
  newConversation(): void;
  openConversation(id: string): Promise<void>;
  sendMessage(text: string): Promise<boolean>;
  stopSession(): Promise<void>;
  answerAgent(text: string): Promise<void>;
  renameConversation(id: string, title: string): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  chooseProvider(provider: ProviderId): Promise<void>;
  /** Settings or a stored key changed what the providers can do: list them and the models again. */
  refreshProviders(): Promise<void>;
  chooseModel(model: string): void;
  setWorkspace(workspace: string): void;
  pullModel(model: string): Promise<void>;
  applyPullProgress(progress: { model: string; status: string; completed: number | null; total: number | null }): void;
  /** Events of the active conversation change the chat; a new conversation adopts the first events sent for it. */
  applyChatEvent(conversationId: string, event: ChatEvent): void;
}

const live = new Set<SessionStateView>(['thinking', 'streaming', 'waiting-for-approval', 'waiting-for-user', 'running-plan']);
/** Whether a settings change affects which models the chat can list and use. */
export const providerSettingsChanged = (before: Settings, after: Settings): boolean =>
  before.modelProvider !== after.modelProvider || before.anthropicModel !== after.anthropicModel || before.ollamaUrl !== after.ollamaUrl || before.ollamaModel !== after.ollamaModel;

export const isWorking = (state: SessionStateView): boolean => live.has(state);
/** A pull is under way (not yet finished or failed): its buttons wait. */
export const pulling = (pull: ChatSlice['chat']['pull']): boolean => Boolean(pull && pull.status !== 'success' && pull.status !== 'failed');

export const createChatSlice: Slice<ChatSlice> = (api) => (set, get) => {
  const patch = (change: Partial<ChatSlice['chat']>): void => set({ chat: { ...get().chat, ...change } });
  const message = (error: unknown): string => (error as Error).message;
  return {
    chat: { defaults: null, conversations: [], activeId: null, entries: [], state: 'idle', provider: null, model: '', workspace: '', usage: null, pendingQuestion: null, error: null, sending: false, models: null, pull: null },
    loadChat: async () => {
      try {
        const defaults = await api.commands['chat.defaults']({});
        const { provider, model, workspace } = get().chat;
        patch({ defaults, provider: provider ?? defaults.provider, model: model || defaults.model, workspace: workspace || defaults.workspace });
        await get().loadConversations();
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    loadConversations: async () => {
      try {
        patch({ conversations: (await api.commands['conversations.list']({})).conversations });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    newConversation: () => patch({ activeId: null, entries: [], state: 'idle', usage: null, pendingQuestion: null, error: null }),
    openConversation: async (id) => {
      try {
        const shown = await api.commands['chat.show']({ conversationId: id });
        const { conversation } = shown;
        patch({
          activeId: conversation.id,
          entries: fromTranscript(shown.transcript),
          state: shown.state,
          pendingQuestion: shown.pendingQuestion,
          usage: { total: conversation.usage, costUsd: conversation.costUsd },
          provider: conversation.provider as ProviderId,
          model: conversation.model,
          error: null,
        });
        get().showProposal(conversation.id, shown.pendingPlan);
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    sendMessage: async (text) => {
      const { activeId, provider, model, workspace, entries } = get().chat;
      patch({ sending: true, error: null, entries: [...entries, { kind: 'user', text }] });
      try {
        const { conversationId } = await api.commands['chat.send']({ text, ...(activeId ? { conversationId: activeId } : {}), ...(provider ? { provider } : {}), ...(model ? { model } : {}), ...(workspace ? { workspace } : {}) });
        // The list follows main's conversations.changed events (sent for this too).
        patch({ activeId: conversationId, sending: false });
        return true;
      } catch (error) {
        // Nothing was sent: take the message back out so it can be sent again.
        patch({ sending: false, error: message(error), entries });
        return false;
      }
    },
    stopSession: async () => {
      const { activeId } = get().chat;
      if (!activeId) return;
      try {
        await api.commands['chat.cancel']({ conversationId: activeId });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    answerAgent: async (text) => {
      const { activeId } = get().chat;
      if (!activeId) return;
      try {
        await api.commands['chat.answer']({ conversationId: activeId, answer: text });
        patch({ pendingQuestion: null, entries: answerQuestion(get().chat.entries, text) });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    renameConversation: async (id, title) => {
      try {
        await api.commands['conversations.rename']({ id, title });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    deleteConversation: async (id) => {
      try {
        await api.commands['conversations.delete']({ id });
        if (get().chat.activeId === id) get().newConversation();
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    chooseProvider: async (provider) => {
      patch({ provider, model: get().chat.defaults?.provider === provider ? get().chat.defaults!.model : '', models: null });
      try {
        const listed = await api.commands['models.list']({ provider });
        const { model } = get().chat;
        patch({ models: { provider, names: listed.models, problem: listed.problem }, model: model || listed.models[0] || '' });
      } catch (error) {
        patch({ models: { provider, names: [], problem: message(error) } });
      }
    },
    refreshProviders: async () => {
      try {
        patch({ defaults: await api.commands['chat.defaults']({}) });
        const { provider, models } = get().chat;
        // Not listed yet: the model picker lists them when it mounts.
        if (!provider || !models) return;
        const listed = await api.commands['models.list']({ provider });
        // The person may have picked another provider meanwhile; its own listing wins.
        if (get().chat.provider === provider) patch({ models: { provider, names: listed.models, problem: listed.problem } });
      } catch (error) {
        patch({ error: message(error) });
      }
    },
    chooseModel: (model) => patch({ model }),
    setWorkspace: (workspace) => patch({ workspace }),
    pullModel: async (model) => {
      patch({ pull: { model, status: 'starting', completed: null, total: null, error: null } });
      try {
        await api.commands['models.pull']({ model });
        patch({ pull: { model, status: 'success', completed: null, total: null, error: null }, error: null });
        await get().chooseProvider('ollama');
        patch({ model });
      } catch (error) {
        patch({ pull: { model, status: 'failed', completed: null, total: null, error: message(error) } });
      }
    },
    applyPullProgress: (progress) => {
      if (get().chat.pull?.model === progress.model) patch({ pull: { ...progress, error: null } });
    },
    applyChatEvent: (conversationId, event) => {
      const chat = get().chat;
      const adopt = chat.activeId === null && chat.sending;
      if (chat.activeId !== conversationId && !adopt) return;
      const change: Partial<ChatSlice['chat']> = { activeId: conversationId, entries: applyChatEvent(chat.entries, event) };
      if (event.type === 'state') change.state = event.state;
      // A question is open only while the agent waits for it: a stop or an error closes it at once.
      if (event.type === 'state' && event.state !== 'waiting-for-user') change.pendingQuestion = null;
      if (event.type === 'usage') change.usage = { total: event.total, costUsd: event.totalCostUsd };
      if (event.type === 'question') change.pendingQuestion = event.question;
      if (event.type === 'final') change.pendingQuestion = null;
      patch(change);
      if (event.type === 'plan_proposed') {
        // User Timing marks: e2e/bench/plan-graph.bench.ts measures from here to the painted graph.
        performance.mark('reign:plan-received', { detail: { steps: event.plan.steps.length } });
        get().showProposal(conversationId, event.plan);
      }
      if (event.type === 'run_event') get().applyRunEvent(event.event);
    },
  };
};
