import { keptMcpProposals, waitingMcpProposals } from '../state/mcp-inbox-slice';
import { useAppStore } from './store-context';
import './mcp-inbox-count.css';

/** How many MCP proposals wait, beside the Plan pane in the sidebar: a person in another pane still sees them. */
export function McpInboxCount() {
  const waiting = useAppStore((state) => waitingMcpProposals(keptMcpProposals(state.mcpInbox)));
  if (!waiting) return null;
  const words = `${waiting} step${waiting === 1 ? '' : 's'} from MCP clients wait${waiting === 1 ? 's' : ''} for your approval`;
  return (
    <span className="nav-count" data-testid="nav-plan-mcp-count" role="status" aria-label={words} title={words}>
      {waiting}
    </span>
  );
}
