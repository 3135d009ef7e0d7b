import type { Terminal } from '@xterm/xterm';
import { useCallback, useEffect, useRef } from 'react';
import { planStepOutputWrite, type WrittenChunks } from './step-output';
import { XtermView } from './XtermView';

export interface StepOutputTerminalProps {
  /** The plan step whose output this shows; a different step starts from a clean screen. */
  readonly stepId: string;
  /**
   * The step's output so far, oldest first. Append to it (a new array with the new chunks at the
   * end) as output arrives: only chunks not yet written are written. A list that does not start
   * with what was shown (a re-run) clears the view and writes it from the start.
   */
  readonly chunks: readonly string[];
  /** Defaults to `step-terminal-<stepId>`. */
  readonly testId?: string;
  readonly className?: string;
}

/**
 * A read-only terminal showing one plan step's output as it streams (colours, progress bars and
 * carriage returns render as in a real terminal). Plain `\n` line ends are fine: they are
 * converted. It never sends input anywhere. Fills its container; give the container a height.
 *
 * ```tsx
 * <StepOutputTerminal stepId={step.id} chunks={outputByStep[step.id] ?? []} />
 * ```
 */
export function StepOutputTerminal({ stepId, chunks, testId, className }: StepOutputTerminalProps) {
  const terminal = useRef<Terminal | null>(null);
  const written = useRef<WrittenChunks>({ count: 0, last: undefined });
  const latest = useRef({ stepId, chunks });
  latest.current = { stepId, chunks };

  const sync = useCallback((): void => {
    const target = terminal.current;
    if (!target) return;
    const next = planStepOutputWrite(written.current, latest.current.chunks);
    if (next.reset) target.reset();
    if (next.data) target.write(next.data);
    written.current = next.written;
  }, []);

  const setup = useCallback(
    (created: Terminal) => {
      terminal.current = created;
      sync();
      return () => {
        terminal.current = null;
        written.current = { count: 0, last: undefined };
      };
    },
    [sync],
  );

  // Another step in the same view starts over, even if its first chunks happen to match.
  const shownStep = useRef(stepId);
  useEffect(() => {
    if (shownStep.current === stepId) return;
    shownStep.current = stepId;
    written.current = { count: 0, last: undefined };
    terminal.current?.reset();
    sync();
  }, [stepId, sync]);
  useEffect(sync, [chunks, sync]);

  return (
    <XtermView
      setup={setup}
      testId={testId ?? `step-terminal-${stepId}`}
      className={`step-output-terminal ${className ?? ''}`.trim()}
      label={`Output of step ${stepId}`}
      attributes={{ 'data-step-id': stepId }}
      options={{ disableStdin: true, convertEol: true, cursorBlink: false, cursorInactiveStyle: 'none', scrollback: 10_000 }}
    />
  );
}
