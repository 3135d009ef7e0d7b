import { Background, Controls, type Edge, type FitViewOptions, type Node, type NodeHandle, Position, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef } from 'react';
import type { PlanView } from '../../state/plan-view';
import { FIRST_SCREEN_STEPS, type LaidOutNode, layoutPlan, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { type StepNodeData, StepNode } from './StepNode';

const nodeTypes = { step: StepNode };

// Every node is the same size and has its handles in the same places, so for a large plan React
// Flow is told them up front: it then culls offscreen nodes from the very first frame (a node it
// has not measured is always rendered, so all 300 would be). A small plan is measured and fitted
// whole by React Flow, as it always was.
const HANDLE = 8;
const handles: NodeHandle[] = [
  { type: 'target', position: Position.Top, x: NODE_WIDTH / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE },
  { type: 'source', position: Position.Bottom, x: NODE_WIDTH / 2 - HANDLE / 2, y: NODE_HEIGHT - HANDLE / 2, width: HANDLE, height: HANDLE },
];
const fitAll: FitViewOptions = { padding: 0.15, maxZoom: 1 };
/** A large plan's first view: readable steps, its first one at the top left. */
const START_ZOOM = 0.75;
const START_MARGIN = 24;

/** The plan as a layered graph; layout is computed once per plan shape, statuses update in place. */
export function PlanGraph({ view, selected, onSelect, onPainted, colorMode = 'system' }: { view: PlanView; selected: string | null; onSelect: (id: string) => void; onPainted?: () => void; colorMode?: 'system' | 'light' | 'dark' }) {
  const shape = view.order.map((id) => `${id}<${view.steps[id]!.dependsOn.join(',')}`).join(';');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the layout depends only on the shape
  const positions = useMemo(() => layoutPlan(view.order.map((id) => view.steps[id]!)), [shape]);
  // A small plan is shown whole; a large one opens on its top row at a readable size, with its first
  // step at the left (the whole of 300 steps would be unreadably small), and the view follows the
  // selection from there.
  const large = positions.length > FIRST_SCREEN_STEPS;
  // Opens on the selected step when there is one (a step asking for approval, or coming back to the pane).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- where a proposal opens is decided once per proposal
  const startId = useMemo(() => selected ?? view.order[0], [view.proposalId]);
  const firstStep = large ? positions.find(({ id }) => id === startId) : undefined;
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
        const node: Node<StepNodeData> = { id: position.id, type: 'step', position: { x: position.x, y: position.y }, ...(large ? { width: NODE_WIDTH, height: NODE_HEIGHT, handles } : {}), data: { step, selected: isSelected }, draggable: false, selectable: false, focusable: false };
        cache.current.set(position.id, node);
        return node;
      }),
    [positions, view.steps, selected, large],
  );
  useEffect(() => {
    if (!onPainted || large) return;
    // Two frames: React committed, then the browser painted it (a large plan marks it after its first view is set).
    requestAnimationFrame(() => requestAnimationFrame(onPainted));
  }, [positions, onPainted, large]);
  const running = view.order.filter((id) => view.steps[id]!.status === 'running').join(',');
  const edges: Edge[] = useMemo(
    () => view.order.flatMap((id) => view.steps[id]!.dependsOn.map((dependency) => ({ id: `${dependency}->${id}`, source: dependency, target: id, animated: running.split(',').includes(id) }))),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- edges change only with the shape and which steps run
    [shape, running],
  );
  return (
    <div className="plan-graph" data-testid="plan-graph" data-steps={view.order.length}>
      <ReactFlow key={view.proposalId} nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodeClick={(_event, node) => onSelect(node.id)} fitView={!large} fitViewOptions={fitAll} minZoom={0.1} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} onlyRenderVisibleElements proOptions={{ hideAttribution: true }} colorMode={colorMode}>
        {firstStep && <StartView start={firstStep} onShown={onPainted} />}
        <Background gap={24} size={1} />
        {/* Steps culled out of view were never measured: their declared size lets "fit view" count them. */}
        <Controls showInteractive={false} fitViewOptions={{ ...fitAll, includeHiddenNodes: true }} />
        {large && <FollowSelection selected={selected} positions={positions} />}
      </ReactFlow>
    </div>
  );
}

/**
 * A large plan's first view, set once the pane has its size: its top row at a readable zoom, the
 * first step at the left. Not React Flow's `fitView`: it counts only measured nodes, and a culled
 * node is never measured.
 */
function StartView({ start, onShown }: { start: { x: number; y: number }; onShown?: () => void }) {
  const flow = useReactFlow();
  const sized = useStore((state) => state.width > 0 && state.height > 0 && state.panZoom !== null);
  const shown = useRef(false);
  useEffect(() => {
    if (!sized || shown.current) return;
    shown.current = true;
    // Two frames after: React committed the view, then the browser painted it.
    void flow.setViewport({ x: START_MARGIN - start.x * START_ZOOM, y: START_MARGIN - start.y * START_ZOOM, zoom: START_ZOOM }).then(() => onShown && requestAnimationFrame(() => requestAnimationFrame(onShown)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per plan (the graph is keyed by it)
  }, [sized]);
  return null;
}

/**
 * Pans to the selected step when it is out of view (chosen with the keyboard, or asked about again
 * by the run), keeping the zoom. Only for a plan too large to be shown whole: a small one stays
 * where the person put it.
 */
function FollowSelection({ selected, positions }: { selected: string | null; positions: readonly LaidOutNode[] }) {
  const flow = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => {
    const position = selected ? positions.find(({ id }) => id === selected) : undefined;
    if (!position || !width || !height) return;
    const { x, y, zoom } = flow.getViewport();
    const left = position.x * zoom + x;
    const top = position.y * zoom + y;
    const inView = left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height;
    if (!inView) void flow.setCenter(position.x + NODE_WIDTH / 2, position.y + NODE_HEIGHT / 2, { zoom });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of selection moves the view
  }, [selected]);
  return null;
}
