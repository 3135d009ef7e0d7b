import { McpInboxCount } from './McpInboxCount';
import { panes } from './pane-registry';
import { useAppStore } from './store-context';

export function Sidebar() {
  const activePane = useAppStore((state) => state.activePane);
  const navigate = useAppStore((state) => state.navigate);
  return (
    <nav className="sidebar" aria-label="Panes" data-testid="nav">
      <div className="brand">Reign</div>
      {panes.map((pane, index) => (
        <button
          key={pane.id}
          type="button"
          data-testid={`nav-${pane.id}`}
          aria-current={activePane === pane.id ? 'page' : undefined}
          title={`${pane.label}: ${pane.purpose} (Ctrl+${index + 1})`}
          aria-label={pane.label}
          onClick={() => navigate(pane.id)}
        >
          <span aria-hidden="true" className="icon">
            {pane.icon}
          </span>
          <span className="label">{pane.label}</span>
          {pane.id === 'plan' && <McpInboxCount />}
        </button>
      ))}
    </nav>
  );
}
