import { describe, expect, it } from 'vitest';
import { builtinTools } from '../../../e2e/fixtures/family-tools';
import { ToolRegistry } from '../tools/tool-registry';
import { parsePlanText } from './plan-loader';
import { validatePlan } from './plan-validator';

const registry = new ToolRegistry().register(...builtinTools);

function problemsOf(yaml: string) {
  const loaded = parsePlanText(yaml);
  if (!loaded.ok) return loaded.problems;
  return validatePlan(loaded.plan, registry);
}

describe('plan validation', () => {
  it('accepts a good plan with a reference to an earlier step', () => {
    expect(
      problemsOf(`
steps:
  - id: write
    tool: files.write
    input: { path: a.txt, content: hi }
  - id: check
    tool: shell.exec
    dependsOn: [write]
    input: { command: "test -f \${steps.write.output.path}" }
`),
    ).toEqual([]);
  });

  it('reports every problem at once, each with its step and the path of the bad field', () => {
    const problems = problemsOf(`
steps:
  - id: a
    tool: files.write
    input: { path: a.txt }
  - id: b
    tool: docker.nuke
    dependsOn: [ghost]
  - id: c
    tool: http.check
    input: { url: "ftp://x", retries: -1 }
    dependsOn: [d]
  - id: d
    tool: shell.exec
    dependsOn: [c]
    input: { command: "echo \${steps.a.output.path} \${steps.c.output.nope} \${steps.zz.output.x}" }
`);
    const lines = problems.map((problem) => `${problem.step} ${problem.path}: ${problem.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a input\.content: /),
        expect.stringMatching(/^b tool: unknown tool "docker\.nuke"/),
        expect.stringMatching(/^b dependsOn: depends on "ghost", which is not a step/),
        expect.stringMatching(/^c input\.url: Only http/),
        expect.stringMatching(/^c input\.retries: /),
        expect.stringMatching(/dependency cycle: (c → d → c|d → c → d)/),
        expect.stringMatching(/^d input\.command: refers to the output of "a" but does not depend on it/),
        expect.stringMatching(/^d input\.command: "http\.check" has no output field "nope"/),
        expect.stringMatching(/^d input\.command: refers to the output of "zz", which is not a step/),
      ]),
    );
    expect(problems).toHaveLength(9);
  });

  it('names a longer cycle in order', () => {
    const problems = problemsOf(`
steps:
  - { id: x, tool: files.read, input: { path: a }, dependsOn: [z] }
  - { id: y, tool: files.read, input: { path: a }, dependsOn: [x] }
  - { id: z, tool: files.read, input: { path: a }, dependsOn: [y] }
`);
    expect(problems).toEqual([{ step: 'x', path: 'dependsOn', message: 'dependency cycle: x → z → y → x' }]);
  });

  it('reports a file that is not YAML, or not a plan, with where the problem is', () => {
    expect(problemsOf('steps: [unclosed')[0]?.message).toMatch(/not valid YAML or JSON/);
    expect(problemsOf('steps:\n  - id: a\n    tool: files.read\n    extra: 1\n')).toEqual([{ step: 'a', path: '(plan)', message: expect.stringMatching(/extra/) }]);
    expect(problemsOf('{"steps": []}')[0]?.message).toMatch(/at least one step/);
    expect(problemsOf('[1, 2]')[0]?.path).toBe('(plan)');
  });

  it('refuses duplicate step ids', () => {
    expect(problemsOf('steps:\n  - { id: a, tool: files.read, input: { path: x } }\n  - { id: a, tool: files.read, input: { path: y } }\n')[0]?.message).toMatch(/used more than once/);
  });
});

describe('references deeper into an output', () => {
  it('checks the first level against the tool\'s output and leaves the rest to run time', () => {
    const deep = (field: string) => `
steps:
  - { id: write, tool: files.write, input: { path: a.txt, content: hi } }
  - { id: check, tool: shell.exec, dependsOn: [write], input: { command: "echo \${steps.write.output.${field}}" } }
`;
    expect(problemsOf(deep('path.anything'))).toEqual([]);
    expect(problemsOf(deep('nope.anything'))).toEqual([expect.objectContaining({ step: 'check', message: expect.stringContaining('has no output field "nope"') })]);
  });
});
