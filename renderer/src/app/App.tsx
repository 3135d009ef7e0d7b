import { useEffect } from 'react';
import { paneIds } from '../state/navigation-slice';
import { panes } from './pane-registry';
import { HistoryPane } from './panes/HistoryPane';
import { PlaceholderPane } from './panes/PlaceholderPane';
import { ResourcesPane } from './panes/ResourcesPane';
import { SettingsPane } from './panes/SettingsPane';
import { TerminalsPane } from './panes/TerminalsPane';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useAppStore } from './store-context';
import { useTheme } from './use-theme';

export function App() {
  const activePane = useAppStore((state) => state.activePane);
  const navigate = useAppStore((state) => state.navigate);
  const theme = useAppStore((state) => state.settings?.theme);
  useTheme(theme);

  useEffect(() => {
    // Ctrl/Cmd+1…7 switch panes.
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
        {pane.id === 'terminals' ? null : pane.id === 'settings' ? <SettingsPane /> : pane.id === 'history' ? <HistoryPane /> : pane.id === 'resources' ? <ResourcesPane /> : <PlaceholderPane pane={pane} />}
        {/* Always mounted: shells keep their scrollback and keep draining output while another pane is shown. */}
        <TerminalsPane hidden={pane.id !== 'terminals'} />
      </main>
      <StatusBar />
    </div>
  );
}
