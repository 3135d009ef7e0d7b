import type { CoreV1Event, KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { summarize } from './kube-objects';

/** One event of an object, as `kubectl describe` lists them. */
export interface DescribedEvent {
  readonly type: string;
  readonly reason: string;
  readonly age: string;
  readonly from: string;
  readonly message: string;
  readonly count: number;
}

/** How long ago, the way kubectl says it: 45s, 12m, 5h, 3d. */
export function age(since: Date | string | undefined, now: Date): string {
  if (!since) return '<unknown>';
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(since).getTime()) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 2 * 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 2 * 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** An object's events oldest first, with kubectl's "(x3 over 5m)" for repeated ones. */
export function describedEvents(events: readonly CoreV1Event[], now: Date): DescribedEvent[] {
  const last = (event: CoreV1Event) => event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp;
  return [...events]
    .sort((a, b) => new Date(last(a) ?? 0).getTime() - new Date(last(b) ?? 0).getTime())
    .map((event) => {
      const count = event.count ?? event.series?.count ?? 1;
      const first = event.firstTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp;
      return {
        type: event.type ?? '',
        reason: event.reason ?? '',
        age: count > 1 ? `${age(last(event), now)} (x${count} over ${age(first, now)})` : age(last(event), now),
        from: event.source?.component ?? event.reportingComponent ?? '',
        message: (event.message ?? '').trim(),
        count,
      };
    });
}

/** Rows as columns padded to their widest cell, as kubectl prints tables. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, header.map((title) => '-'.repeat(title.length)), ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  return all.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]! + 2))).join('').trimEnd());
}

const indent = (text: string, by: string): string => text.trimEnd().split('\n').map((line) => `${by}${line}`).join('\n');
const pairs = (values: Record<string, string> | undefined, separator: string): string[] => Object.entries(values ?? {}).map(([key, value]) => `${key}${separator}${value}`);

/**
 * What `kubectl describe` shows, for any kind: who the object is (name, labels, owner), its state
 * in a line, then its spec, status and other fields, then its events. The object comes redacted
 * and without server noise; uid, resourceVersion and the like are left out here.
 */
export function describeText(object: KubernetesObject, events: readonly DescribedEvent[], now: Date): string {
  const metadata = object.metadata ?? {};
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...body } = object as KubernetesObject & Record<string, unknown>;
  const head: [string, string[]][] = [
    ['Name:', [metadata.name ?? '']],
    ...(metadata.namespace ? ([['Namespace:', [metadata.namespace]]] as [string, string[]][]) : []),
    ['Kind:', [`${object.kind} (${object.apiVersion})`]],
    ['Labels:', pairs(metadata.labels, '=')],
    ['Annotations:', pairs(metadata.annotations, ': ')],
    ['Created:', [metadata.creationTimestamp ? `${new Date(metadata.creationTimestamp).toISOString()} (${age(metadata.creationTimestamp, now)} ago)` : '<unknown>']],
    ...((metadata.ownerReferences?.length ? [['Controlled By:', metadata.ownerReferences.map((owner) => `${owner.kind}/${owner.name}`)]] : []) as [string, string[]][]),
    ...(metadata.deletionTimestamp ? ([['Deleting:', [`since ${new Date(metadata.deletionTimestamp).toISOString()}`]]] as [string, string[]][]) : []),
    ['State:', [summarize(object) || '<none>']],
  ];
  const width = Math.max(...head.map(([label]) => label.length)) + 2;
  const lines = head.map(([label, values]) => `${label.padEnd(width)}${values.length ? values.join(`\n${' '.repeat(width)}`) : '<none>'}`);
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    const title = `${field.charAt(0).toUpperCase()}${field.slice(1)}:`;
    lines.push(typeof value === 'object' ? `${title}\n${indent(stringify(value, { lineWidth: 0 }), '  ')}` : `${title.padEnd(width)}${String(value)}`);
  }
  lines.push(events.length ? ['Events:', ...table(['Type', 'Reason', 'Age', 'From', 'Message'], events.map((event) => [event.type, event.reason, event.age, event.from, event.message])).map((line) => `  ${line}`)].join('\n') : 'Events:  <none>');
  return `${lines.join('\n')}\n`;
}
