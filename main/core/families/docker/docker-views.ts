import type { ResourceViewDefinition } from '../../resources-view/resource-view';
import { dockerKey } from './docker-access';

// The Docker engine in the Resources pane: each table lists through a read tool and acts through
// the same tools plans use, so the policy sees everything the pane does.

interface ContainerItem {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: string;
  readonly status: string;
  readonly created: number;
  readonly labels: Record<string, string>;
}
interface ImageItem {
  readonly id: string;
  readonly tags: string[];
  readonly sizeBytes: number;
  readonly created: number;
}
interface NamedItem {
  readonly name: string;
  readonly driver: string;
  readonly labels: Record<string, string>;
}

const stateTone = (state: string) => (state === 'running' ? 'ok' : state === 'exited' || state === 'dead' ? 'bad' : state === 'created' ? 'idle' : 'warn') as 'ok' | 'bad' | 'idle' | 'warn';
const projectOf = (labels: Record<string, string>): string | null => labels['com.docker.compose.project'] ?? null;

/** Engine events for every kind of object the views show; the stream ends when the engine goes away. */
const engineEvents: ResourceViewDefinition['watch'] = async (ctx, changed, ended) => {
  const stream = await ctx.access(dockerKey).client().getEvents({ filters: JSON.stringify({ type: ['container', 'image', 'network', 'volume'] }) });
  stream.on('data', changed);
  stream.on('error', ended);
  stream.on('end', ended);
  return () => (stream as unknown as { destroy(): void }).destroy();
};

const containers: ResourceViewDefinition<ContainerItem> = {
  id: 'docker.containers',
  title: 'Containers',
  columns: [
    { key: 'name', label: 'Name', kind: 'text' },
    { key: 'state', label: 'State', kind: 'status' },
    { key: 'image', label: 'Image', kind: 'text' },
    { key: 'status', label: 'Status', kind: 'text' },
    { key: 'project', label: 'Compose project', kind: 'text' },
    { key: 'created', label: 'Created', kind: 'age' },
  ],
  empty: 'No containers on this engine. Ask the agent to run one, or start a stack with `reign compose up`.',
  list: { tool: 'docker.container.list', input: { all: true }, rows: (output) => output.containers as ContainerItem[] },
  row: (item) => ({ key: item.name || item.id, cells: { name: item.name, state: item.state, image: item.image, status: item.status, project: projectOf(item.labels), created: item.created }, tone: stateTone(item.state), live: item.state === 'running' }),
  actions: [
    { id: 'start', label: 'Start', tool: 'docker.container.start', bulk: true, when: (item) => item.state !== 'running', input: (key) => ({ id: key }) },
    { id: 'stop', label: 'Stop', tool: 'docker.container.stop', bulk: true, when: (item) => item.state === 'running', input: (key) => ({ id: key }) },
    { id: 'restart', label: 'Restart', tool: 'docker.container.restart', bulk: true, when: (item) => item.state === 'running', input: (key) => ({ id: key }) },
    { id: 'remove', label: 'Remove', tool: 'docker.container.remove', bulk: true, input: (key) => ({ id: key, force: true }) },
  ],
  reads: {
    logs: { tool: 'docker.container.logs', input: (key) => ({ id: key, tail: 200 }) },
    stats: { tool: 'docker.container.stats', input: (key) => ({ id: key }) },
  },
  detail: { kind: 'logs-and-stats', logs: 'logs', stats: 'stats' },
  watch: engineEvents,
};

const images: ResourceViewDefinition<ImageItem> = {
  id: 'docker.images',
  title: 'Images',
  columns: [
    { key: 'tags', label: 'Tags', kind: 'text' },
    { key: 'id', label: 'Id', kind: 'text' },
    { key: 'size', label: 'Size', kind: 'bytes' },
    { key: 'created', label: 'Created', kind: 'age' },
  ],
  empty: 'No images on this engine. Build one (`docker.image.build`) or pull one from a registry.',
  list: { tool: 'docker.image.list', input: {}, rows: (output) => output.images as ImageItem[] },
  row: (item) => ({ key: item.tags[0] ?? item.id, cells: { tags: item.tags.join(', ') || '<none>', id: item.id.replace(/^sha256:/, '').slice(0, 12), size: item.sizeBytes, created: item.created }, tone: 'idle' }),
  actions: [{ id: 'remove', label: 'Remove', tool: 'docker.image.remove', bulk: true, input: (key) => ({ image: key }) }],
  watch: engineEvents,
};

const named = (kind: 'network' | 'volume', title: string, empty: string): ResourceViewDefinition<NamedItem> => ({
  id: `docker.${kind}s`,
  title,
  columns: [
    { key: 'name', label: 'Name', kind: 'text' },
    { key: 'driver', label: 'Driver', kind: 'text' },
    { key: 'project', label: 'Compose project', kind: 'text' },
  ],
  empty,
  list: { tool: `docker.${kind}.list`, input: {}, rows: (output) => output[`${kind}s`] as NamedItem[] },
  row: (item) => ({ key: item.name, cells: { name: item.name, driver: item.driver, project: projectOf(item.labels) }, tone: 'idle' }),
  actions: [{ id: 'remove', label: 'Remove', tool: `docker.${kind}.remove`, bulk: true, input: (key) => ({ name: key }) }],
  watch: engineEvents,
});

export const dockerViews = [
  containers,
  images,
  named('network', 'Networks', 'No networks besides the engine\'s own. Compose projects and `docker.network.create` make them.'),
  named('volume', 'Volumes', 'No volumes. Named volumes keep data across container restarts; compose files declare them.'),
];
