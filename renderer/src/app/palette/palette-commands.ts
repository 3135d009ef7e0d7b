import { isWorking } from '../../state/chat-slice';
import type { AppState } from '../../state/app-store';
import { panes } from '../pane-registry';

export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  readonly hint?: string;
  /** Only listed when it can be done now. */
  readonly enabled: boolean;
  run(): void;
}

/** Everything the palette offers, from the current state: the same actions as the buttons, never more. */
export function paletteCommands(state: AppState): PaletteCommand[] {
  const view = state.plan.view;
  const theme = state.settings?.theme;
  return [
    ...panes.map((pane, index) => ({ id: `go-${pane.id}`, title: `Go to ${pane.label}`, hint: `Ctrl+${index + 1}`, enabled: true, run: () => state.navigate(pane.id) })),
    { id: 'chat-new', title: 'New conversation', enabled: true, run: () => (state.newConversation(), state.navigate('chat')) },
    { id: 'chat-stop', title: 'Stop the agent', hint: 'Esc', enabled: isWorking(state.chat.state), run: () => void state.stopSession() },
    ...(['read', 'write', 'destructive'] as const).map((level) => ({ id: `plan-approve-${level}`, title: `Approve every plan step up to ${level}`, enabled: Boolean(view && !view.submitted), run: () => (state.approveAllUpTo(level), state.navigate('plan')) })),
    { id: 'plan-run', title: 'Run the approved plan steps', hint: 'Ctrl+Enter', enabled: Boolean(view && !view.submitted), run: () => void state.submitPlan() },
    { id: 'plan-undo', title: 'Undo the last plan run', enabled: Boolean(view?.runId && view.runStatus && view.runStatus !== 'running' && view.runStatus !== 'undone'), run: () => void state.undoPlanRun() },
    { id: 'doctor', title: 'Check this machine again (doctor)', enabled: true, run: () => void state.runDoctor() },
    { id: 'theme', title: `Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`, enabled: Boolean(state.settings), run: () => void state.updateSettings({ theme: theme === 'dark' ? 'light' : 'dark' }) },
  ].filter((command) => command.enabled);
}

/** Commands whose title holds every word typed, in any order; the best (earliest) match first. */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...commands];
  return commands
    .map((command) => ({ command, title: command.title.toLowerCase() }))
    .filter(({ title }) => words.every((word) => title.includes(word)))
    .sort((a, b) => a.title.indexOf(words[0]!) - b.title.indexOf(words[0]!))
    .map(({ command }) => command);
}
