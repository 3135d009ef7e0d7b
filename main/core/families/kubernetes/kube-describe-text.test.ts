import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { age, describedEvents, describeText } from './kube-describe-text';

const now = new Date('2026-03-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const event = (reason: string, lastSecondsAgo: number, extra: Partial<CoreV1Event> = {}): CoreV1Event => ({
  metadata: { name: reason },
  involvedObject: { kind: 'Pod', name: 'web-1' },
  type: 'Warning',
  reason,
  message: `${reason} happened `,
  source: { component: 'kubelet' },
  lastTimestamp: ago(lastSecondsAgo),
  ...extra,
});

describe('age', () => {
  it('says how long ago as kubectl does', () => {
    expect([age(ago(5), now), age(ago(119), now), age(ago(600), now), age(ago(3 * 3600), now), age(ago(3 * 86400), now), age(undefined, now)]).toEqual(['5s', '119s', '10m', '3h', '3d', '<unknown>']);
  });
});

describe('describedEvents', () => {
  it('orders events oldest first and says how often a repeated one happened, over how long', () => {
    const events = describedEvents([event('BackOff', 30, { count: 4, firstTimestamp: ago(600) }), event('Pulled', 900)], now);
    expect(events).toEqual([
      { type: 'Warning', reason: 'Pulled', age: '15m', from: 'kubelet', message: 'Pulled happened', count: 1 },
      { type: 'Warning', reason: 'BackOff', age: '30s (x4 over 10m)', from: 'kubelet', message: 'BackOff happened', count: 4 },
    ]);
  });
});

describe('describeText', () => {
  it('shows who the object is, its state, its fields and an aligned events table', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' }, creationTimestamp: ago(7200), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9', uid: 'u' }] },
      spec: { nodeName: 'node-a', containers: [{ name: 'web', image: 'nginx' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'web', ready: true, restartCount: 2 }] },
    };
    const text = describeText(object as never, describedEvents([event('BackOff', 30, { count: 4, firstTimestamp: ago(600) })], now), now);
    expect(text).toBe(
      [
        'Name:           web-1',
        'Namespace:      shop',
        'Kind:           Pod (v1)',
        'Labels:         app=web',
        'Annotations:    <none>',
        'Created:        2026-03-01T10:00:00.000Z (2h ago)',
        'Controlled By:  ReplicaSet/web-5d9',
        'State:          Running, 1/1 ready, 2 restarts, on node-a',
        'Spec:',
        '  nodeName: node-a',
        '  containers:',
        '    - name: web',
        '      image: nginx',
        'Status:',
        '  phase: Running',
        '  containerStatuses:',
        '    - name: web',
        '      ready: true',
        '      restartCount: 2',
        'Events:',
        '  Type     Reason   Age                From     Message',
        '  ----     ------   ---                ----     -------',
        '  Warning  BackOff  30s (x4 over 10m)  kubelet  BackOff happened',
        '',
      ].join('\n'),
    );
  });

  it('says when there are no events, and shows plain top-level fields (a Secret\'s type) in the header\'s columns', () => {
    const text = describeText({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, type: 'Opaque', data: { password: '[REDACTED 8 bytes]' } } as never, [], now);
    expect(text).toMatch(/^Type: +Opaque$/m);
    expect(text).toMatch(/^Data:\n {2}password: "?\[REDACTED 8 bytes\]"?$/m);
    expect(text.endsWith('Events:  <none>\n')).toBe(true);
  });
});
