import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { StoreProvider } from './app/store-context';
import { createAppStore } from './state/app-store';
import { providerSettingsChanged } from './state/chat-slice';
import { connectReign } from './transport';
import './styles.css';

const client = connectReign();
const store = createAppStore(client);
const { setConnection, applySettings, loadSettings, loadSecrets, runDoctor, deliverTerminalData, terminalExited, loadTerminals } = store.getState();

setConnection(client.connectionState());
client.onConnectionState(setConnection);
// Terminal output goes straight to the views listening for it, never through React state.
client.events['terminal.data'](deliverTerminalData);
client.events['terminal.exit'](terminalExited);
// After a reconnect (a restarted `reign serve`), tabs follow the sessions main actually has.
client.onConnectionState((state) => state === 'connected' && void loadTerminals());
// A new Ollama URL, model or provider, or a stored key, changes which models the chat can list and use.
client.events['settings.changed']((settings) => {
  const before = store.getState().settings;
  applySettings(settings);
  if (!before || providerSettingsChanged(before, settings)) void store.getState().refreshProviders();
});
client.events['secrets.changed'](() => {
  void loadSecrets();
  void store.getState().refreshProviders();
});
// Engine events and watches refresh the shown Resources view once it has been opened; a burst of events
// (a compose project starting) reads the rows once.
let rowsTimer: ReturnType<typeof setTimeout> | null = null;
client.events['resources.changed'](({ view }) => {
  // A change named for another view (each Kubernetes kind has its own watch) leaves the shown one as it is.
  if (!store.getState().resources.views || rowsTimer || (view && view !== store.getState().resources.viewId)) return;
  rowsTimer = setTimeout(() => {
    rowsTimer = null;
    void store.getState().loadRows();
  }, 200);
});

// Agent sessions stream into the chat and the plan graph; conversation lists refresh on change.
client.events['chat.event'](({ conversationId, event }) => store.getState().applyChatEvent(conversationId, event));
client.events['conversations.changed'](() => void store.getState().loadConversations());
client.events['runs.undo']((event) => store.getState().applyUndoEvent(event));
client.events['models.pullProgress']((progress) => store.getState().applyPullProgress(progress));
// Steps MCP clients proposed through `reign mcp` wait in the Plan pane; after a reconnect the inbox is read again.
client.events['mcp.proposals.changed'](({ proposals }) => store.getState().applyMcpInbox(proposals));
client.onConnectionState((state) => state === 'connected' && void store.getState().loadMcpInbox());

void loadSettings();
void store.getState().loadChat();
void loadSecrets();
void runDoctor();
void store.getState().loadMcpInbox();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
