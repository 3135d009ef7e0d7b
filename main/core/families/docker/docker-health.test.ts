import { describe, expect, it } from 'vitest';
import { refusedRead } from '../../dashboard/health-read-policy';
import { PolicyEngine } from '../../policy/policy-engine';
import { dockerHealth } from './docker-health';

describe('the Docker card of the dashboard', () => {
  it('does not talk to an engine whose reads a policy rule denies, and says which rule', async () => {
    const policy = new PolicyEngine({ rules: [{ tool: 'docker.*', target: 'docker:*', decision: 'deny' }], production: [] });
    const asked: string[] = [];
    // An endpoint nothing listens on: a read would turn the card "unreachable", not "not read".
    const cards = await dockerHealth({
      env: { DOCKER_HOST: 'tcp://127.0.0.1:9' },
      secret: () => null,
      workspace: '/nowhere',
      signal: AbortSignal.timeout(10_000),
      readRefusal: (id, tool) => {
        asked.push(`${tool} ${id}`);
        return refusedRead(policy, id, tool);
      },
    });
    expect(asked).toEqual([expect.stringMatching(/^docker\.container\.list docker:/)]);
    expect(cards).toEqual([expect.objectContaining({ kind: 'Docker engine', state: 'not read', tone: 'idle', open: null, counts: [], facts: [] })]);
    expect(cards[0]!.summary).toContain('policy rule “deny docker.* on docker:*”');
  });
});
