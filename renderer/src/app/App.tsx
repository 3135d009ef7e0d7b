import { lazy, Suspense, useEffect } from 'react';
import { paneIds } from '../state/navigation-slice';
import { panes } from './pane-registry';
import { ChatPane } from './chat/ChatPane';
import { DashboardPane } from './dashboard/DashboardPane';
import { RunToasts } from './notifications/RunToasts';
import { useRunNotifications } from './notifications/use-run-notifications';
import { CommandPalette } from './palette/CommandPalette';
import { EditorPane } from './panes/EditorPane';
import { HistoryPane } from './panes/HistoryPane';
import { ResourcesPane } from './panes/ResourcesPane';
import { SettingsPane } from './panes/SettingsPane';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useAppStore } from './store-context';
import { useTheme } from './use-theme';

export function App() {
  const activePane = useAppStore((state) => state.activePane);
  const navigate = useAppStore((state) => state.navigate);
  const theme = useAppStore((state) => state.settings?.theme);
  useTheme(theme);
  useRunNotifications();

  useEffect(() => {
    // Ctrl/Cmd+1…8 switch panes.
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const pane = paneIds[Number(event.key) - 1];
      if (pane) {
        event.preventDefault();
        navigate(pane);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const pane = panes.find((candidate) => candidate.id === activePane) ?? panes[0]!;
  return (
    <div className="app-frame" data-testid="app-frame">
      <Sidebar />
      <main className="content">
        {pane.id !== 'terminals' && <ActivePane pane={pane} />}
        {/* Always mounted: shells keep their scrollback and keep draining output while another pane is shown. */}
        <Suspense fallback={null}>
          <TerminalsPane hidden={pane.id !== 'terminals'} />
        </Suspense>
      </main>
      <StatusBar />
      <RunToasts />
      <CommandPalette />
    </div>
  );
}

// xterm.js loads after the first paint; the pane then stays mounted.
const TerminalsPane = lazy(() => import('./panes/TerminalsPane').then((module) => ({ default: module.TerminalsPane })));
// The plan graph (React Flow and its layout) loads when first opened, so the first paint does not wait for it.
const PlanPane = lazy(() => import('./plan/PlanPane').then((module) => ({ default: module.PlanPane })));

function ActivePane({ pane }: { pane: (typeof panes)[number] }) {
  switch (pane.id) {
    case 'home':
      return <DashboardPane />;
    case 'chat':
      return <ChatPane />;
    case 'editor':
      return <EditorPane />;
    case 'plan':
      return (
        <Suspense fallback={<p className="muted">Loading the plan graph…</p>}>
          <PlanPane />
        </Suspense>
      );
    case 'settings':
      return <SettingsPane />;
    case 'history':
      return <HistoryPane />;
    case 'resources':
      return <ResourcesPane />;
    default:
      return null; // terminals: always mounted beside the active pane
  }
}
