import { autonomyChip } from '../autonomy/autonomy-view';
import { useAppStore } from '../store-context';
import '../autonomy/autonomy.css';

/**
 * What the chosen model measured in `reign eval` and the approval default that gives it (Settings →
 * Autonomy from evaluation): the chat runs a plan within it at once, as `reign ask` without
 * --approve does; the tooltip says what still waits for the person.
 */
export function AutonomyChip({ provider, model }: { provider: string; model: string }) {
  const settings = useAppStore((state) => state.settings);
  if (!settings || !model.trim()) return null;
  const chip = autonomyChip(settings, provider, model.trim());
  return (
    <span
      className={`autonomy-chip approve-${chip.approve}`}
      data-testid="chat-autonomy"
      data-approve={chip.approve}
      title={`${chip.why}. A plan within it runs without the plan graph asking (and reign ask without --approve); destructive steps always ask.`}
    >
      {chip.label}
    </span>
  );
}
