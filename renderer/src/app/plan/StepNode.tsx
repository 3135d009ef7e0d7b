import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { StepView } from '../../state/plan-view';
import { statusLabel, summarizeStep } from './step-summary';

export interface StepNodeData extends Record<string, unknown> {
  step: StepView;
  selected: boolean;
}

/** One plan step in the graph: tool, what it does, risk (colour and word), target, live status. */
export const StepNode = memo(function StepNode({ data }: NodeProps & { data: StepNodeData }) {
  const { step, selected } = data;
  return (
    <div className={`step-node risk-${step.risk} status-${step.status}${selected ? ' selected' : ''}${step.waiting ? ' waiting' : ''}`} data-testid={`plan-step-${step.id}`} data-status={step.status} data-risk={step.risk} data-waiting={step.waiting || undefined} aria-selected={selected} title={`${step.id}: ${step.tool} on ${step.target.label}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="step-node-top">
        <span className="step-tool">{step.tool}</span>
        <span className={`risk-badge risk-${step.risk}`}>{step.risk}</span>
      </div>
      <div className="step-summary">{summarizeStep(step)}</div>
      <div className="step-node-bottom">
        <span className="step-target" title={step.target.id}>{step.target.label}</span>
        <span className={`step-status status-${step.status}${step.undoWaits ? ' undo-waits' : ''}`}>
          {step.status === 'running' && <span className="spinner" aria-hidden="true" />}
          {statusLabel(step)}
          {step.edited ? ' · edited' : ''}
        </span>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
