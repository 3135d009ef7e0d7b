import { describe, expect, it } from 'vitest';
import { checkCondition, parseWaitCondition } from './kube-wait-condition';

describe('parseWaitCondition', () => {
  it('reads the forms kubectl wait --for takes, and bare condition types', () => {
    expect(parseWaitCondition('delete')).toEqual({ kind: 'delete' });
    expect(parseWaitCondition('condition=Available')).toEqual({ kind: 'condition', type: 'Available', status: 'True' });
    expect(parseWaitCondition('condition=Ready=False')).toEqual({ kind: 'condition', type: 'Ready', status: 'False' });
    expect(parseWaitCondition('Complete')).toEqual({ kind: 'condition', type: 'Complete', status: 'True' });
    expect(parseWaitCondition('Ready=false')).toEqual({ kind: 'condition', type: 'Ready', status: 'false' });
    expect(parseWaitCondition("jsonpath='{.status.phase}'=Running")).toMatchObject({ kind: 'field', path: ['status', 'phase'], value: 'Running' });
    expect(parseWaitCondition('.status.containerStatuses[0].ready=true')).toMatchObject({ kind: 'field', path: ['status', 'containerStatuses', 0, 'ready'], text: '.status.containerStatuses[0].ready', value: 'true' });
  });

  it('refuses what it cannot read, listing the forms', () => {
    expect(() => parseWaitCondition('ready')).toThrow(/cannot wait for "ready": write one of delete, create, condition=Available/);
    expect(() => parseWaitCondition('{.status.conditions[?(@.type=="Ready")].status}=True')).toThrow(/filters and wildcards are not supported/);
    expect(() => parseWaitCondition('.status.phase=')).toThrow(/give a value/);
  });
});

describe('checkCondition', () => {
  const deployment = (status: string, observedGeneration?: number) => ({ metadata: { generation: 2 }, status: { conditions: [{ type: 'Available', status, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', observedGeneration }] } });

  it('says what is still false, with the reason the controller gave', () => {
    expect(checkCondition(deployment('True'), parseWaitCondition('Available'))).toEqual({ met: true, detail: 'Available is True' });
    expect(checkCondition(deployment('False'), parseWaitCondition('Available'))).toEqual({ met: false, detail: 'Available is False (MinimumReplicasUnavailable: Deployment does not have minimum availability.)' });
    expect(checkCondition({ status: {} }, parseWaitCondition('Complete'))).toEqual({ met: false, detail: 'has no Complete condition yet' });
  });

  it('does not take a condition written for an older generation', () => {
    expect(checkCondition(deployment('True', 1), parseWaitCondition('Available'))).toMatchObject({ met: false, detail: 'Available is True but for generation 1, not the current 2' });
  });

  it('compares a field as text', () => {
    expect(checkCondition({ status: { phase: 'Pending' } }, parseWaitCondition('{.status.phase}=Running'))).toEqual({ met: false, detail: '.status.phase is "Pending", not "Running"' });
    expect(checkCondition({ status: { readyReplicas: 2 } }, parseWaitCondition('.status.readyReplicas=2')).met).toBe(true);
    expect(checkCondition({ status: {} }, parseWaitCondition('.status.readyReplicas=2'))).toEqual({ met: false, detail: '.status.readyReplicas is not set' });
  });
});
