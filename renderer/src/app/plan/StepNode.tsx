import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { StepView } from '../../state/plan-view';
import { RiskBadge, StatusBadge } from '../status/badges';
import { statusLabel, summarizeStep } from './step-summary';

export interface StepNodeData extends Record<string, unknown> {
  step: StepView;
  selected: boolean;
}

/** One plan step in the graph: tool, what it does, risk (icon, colour and word), target, live status. */
export const StepNode = memo(function StepNode({ data }: NodeProps & { data: StepNodeData }) {
  const { step, selected } = data;
  return (
    <div className={`step-node risk-${step.risk} status-${step.status}${selected ? ' selected' : ''}${step.waiting ? ' waiting' : ''}`} data-testid={`plan-step-${step.id}`} data-status={step.status} data-risk={step.risk} data-waiting={step.waiting || undefined} aria-selected={selected} title={`${step.id}: ${step.tool} on ${step.target.label}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="step-node-top">
        <span className="step-tool">{step.tool}</span>
        <RiskBadge risk={step.risk} />
      </div>
      <div className="step-summary">{summarizeStep(step)}</div>
      <div className="step-node-bottom">
        <span className="step-target" title={step.target.id}>{step.target.label}</span>
        <StatusBadge status={step.status} label={`${statusLabel(step)}${step.edited ? ' · edited' : ''}`} className={step.undoWaits ? 'undo-waits' : undefined} />
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
