import { Background, Controls, type Edge, type Node, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef } from 'react';
import type { PlanView } from '../../state/plan-view';
import { layoutPlan } from './layout';
import { type StepNodeData, StepNode } from './StepNode';

const nodeTypes = { step: StepNode };

/** The plan as a layered graph; layout is computed once per plan shape, statuses update in place. */
export function PlanGraph({ view, selected, onSelect, onPainted, colorMode = 'system' }: { view: PlanView; selected: string | null; onSelect: (id: string) => void; onPainted?: () => void; colorMode?: 'system' | 'light' | 'dark' }) {
  const shape = view.order.map((id) => `${id}<${view.steps[id]!.dependsOn.join(',')}`).join(';');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the layout depends only on the shape
  const positions = useMemo(() => layoutPlan(view.order.map((id) => view.steps[id]!)), [shape]);
  // Node objects are kept while their step and selection are the same, so a step's streamed output
  // re-renders that node only (StepNode is memoised on its props).
  const cache = useRef(new Map<string, Node<StepNodeData>>());
  const nodes = useMemo(
    () =>
      positions.map((position) => {
        const step = view.steps[position.id]!;
        const isSelected = position.id === selected;
        const kept = cache.current.get(position.id);
        if (kept && kept.data.step === step && kept.data.selected === isSelected && kept.position.x === position.x && kept.position.y === position.y) return kept;
        const node: Node<StepNodeData> = { id: position.id, type: 'step', position: { x: position.x, y: position.y }, data: { step, selected: isSelected }, draggable: false, selectable: false, focusable: false };
        cache.current.set(position.id, node);
        return node;
      }),
    [positions, view.steps, selected],
  );
  const running = view.order.filter((id) => view.steps[id]!.status === 'running').join(',');
  const edges: Edge[] = useMemo(
    () => view.order.flatMap((id) => view.steps[id]!.dependsOn.map((dependency) => ({ id: `${dependency}->${id}`, source: dependency, target: id, animated: running.split(',').includes(id) }))),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- edges change only with the shape and which steps run
    [shape, running],
  );
  useEffect(() => {
    if (!onPainted) return;
    // Two frames: React committed, then the browser painted it.
    requestAnimationFrame(() => requestAnimationFrame(onPainted));
  }, [positions, onPainted]);
  return (
    <div className="plan-graph" data-testid="plan-graph" data-steps={view.order.length}>
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodeClick={(_event, node) => onSelect(node.id)} fitView fitViewOptions={{ padding: 0.15, maxZoom: 1 }} minZoom={0.1} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} onlyRenderVisibleElements proOptions={{ hideAttribution: true }} colorMode={colorMode}>
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
