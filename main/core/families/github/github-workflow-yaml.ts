import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { WorkflowProblem, WorkflowRange } from './github-workflow-problem';

/** A key or index on the way from the document's root to a node, as in a JSON pointer. */
export type WorkflowPath = readonly (string | number)[];

/**
 * A workflow file read once for every check: its value (what GitHub sees), and where each part of
 * it is in the text, so every problem can be shown on its line.
 */
export interface ParsedWorkflow {
  readonly text: string;
  /** The document's value as plain data; undefined when the YAML could not be read. */
  readonly value: unknown;
  /** YAML syntax errors (duplicate keys, bad indentation…): with any, the other checks do not run. */
  readonly problems: readonly WorkflowProblem[];
  /** Where the node at `path` is; with `key`, the key naming it (for "unknown key" problems). Falls back to the nearest ancestor found. */
  rangeOf(path: WorkflowPath, options?: { readonly key?: boolean }): WorkflowRange;
  /** The range of text offsets [start, end). */
  rangeOfOffsets(start: number, end: number): WorkflowRange;
  /** The node at `path`, for checks that need the text behind a value (a `run:` script). */
  nodeAt(path: WorkflowPath): Node | null;
}

export function parseWorkflowText(text: string): ParsedWorkflow {
  const lines = new LineCounter();
  // YAML 1.2 (the yaml package's default), as GitHub reads workflows: `on` is a key, not `true`.
  const document: Document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const rangeOfOffsets = (start: number, end: number): WorkflowRange => {
    const from = lines.linePos(Math.max(0, Math.min(start, text.length)));
    const to = lines.linePos(Math.max(start, Math.min(end, text.length)));
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  };
  const problems: WorkflowProblem[] = document.errors.map((error) => ({
    source: 'yaml',
    rule: `yaml:${error.code.toLowerCase()}`,
    severity: 'error',
    // The yaml package's message repeats the position and an excerpt after the first line.
    message: `${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`,
    ...rangeOfOffsets(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
  }));

  // YAML allows a mapping or a list as a key (`{{ placeholder }}: x` reads as one); GitHub does
  // not, and turning one into plain data would silently make it a string.
  if (!problems.length) {
    visit(document, {
      Pair(_key, pair) {
        const key = pair.key as Node | null;
        if (!key || isScalar(key) || !key.range) return;
        problems.push({ source: 'yaml', rule: 'yaml:complex-key', severity: 'error', message: 'A key must be plain text, not a mapping or a list (an unquoted {{ … }} placeholder reads as one): quote it or fill it in.', ...rangeOfOffsets(key.range[0], key.range[1]) });
      },
    });
  }

  const nodeAt = (path: WorkflowPath): Node | null => {
    const node = document.getIn(path, true);
    return node && typeof node === 'object' ? (node as Node) : null;
  };
  const rangeOf = (path: WorkflowPath, options: { readonly key?: boolean } = {}): WorkflowRange => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const at = path.slice(0, depth);
      const found = options.key && depth === path.length ? keyNodeAt(document, at) : depth === 0 ? (document.contents as Node | null) : nodeAt(at);
      if (found?.range) return rangeOfOffsets(found.range[0], Math.max(found.range[1], found.range[0] + 1));
    }
    return { line: 1, column: 1, endLine: 1, endColumn: 2 };
  };
  return { text, value: problems.length ? undefined : document.toJS({ maxAliasCount: 1000 }), problems, rangeOf, rangeOfOffsets, nodeAt };
}

/** The key node of the last segment of `path` in its parent mapping. */
function keyNodeAt(document: Document, path: WorkflowPath): Node | null {
  if (!path.length) return null;
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return isSeq(parent) ? ((parent.items[Number(path.at(-1))] as Node | undefined) ?? null) : null;
  const name = path.at(-1);
  for (const pair of parent.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(name)) return pair.key;
  }
  return null;
}
