import { describe, expect, it } from 'vitest';
import { outputAt } from './reference-pattern';
import { findReferences, substituteReferences } from './step-references';

// A Terraform apply's outputs are one object ({ outputs: { namespace: 'shop' } }): a later step of
// another family takes one of them by a dotted path.
const outputs = new Map<string, Record<string, unknown>>([
  ['apply', { plan: 'main.tfplan', outputs: { namespace: 'shop-dev', 'db-port': 5432, nested: { host: 'db' } } }],
  ['infra.apply', { outputs: { namespace: 'expanded' } }],
]);

describe('references to a field deeper in an output', () => {
  it('finds the step and the dotted field, the step id ending at the first .output.', () => {
    expect(findReferences({ namespace: '${steps.apply.output.outputs.namespace}', note: 'in ${steps.infra.apply.output.outputs.namespace}' })).toEqual([
      { step: 'apply', field: 'outputs.namespace', path: 'namespace' },
      { step: 'infra.apply', field: 'outputs.namespace', path: 'note' },
    ]);
  });

  it('takes the value with its own type for a whole reference, and as text inside a string', () => {
    expect(substituteReferences({ port: '${steps.apply.output.outputs.db-port}', host: 'http://${steps.apply.output.outputs.nested.host}:80' }, outputs)).toEqual({ port: 5432, host: 'http://db:80' });
  });

  it('quotes a deep value as data in shell text', () => {
    expect(substituteReferences({ command: 'kubectl get ns ${steps.apply.output.outputs.namespace}' }, outputs, ['command'])).toEqual({ command: "kubectl get ns 'shop-dev'" });
  });

  it('leads nowhere (undefined) where the path does not exist, never into inherited properties', () => {
    expect(outputAt(outputs.get('apply'), 'outputs.missing')).toBeUndefined();
    expect(outputAt(outputs.get('apply'), 'plan.length')).toBeUndefined();
    expect(outputAt(outputs.get('apply'), 'outputs.constructor')).toBeUndefined();
    expect(outputAt(undefined, 'outputs')).toBeUndefined();
  });
});
