import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';

export type SyntaxNode = Node;

export interface BashParser {
  /**
   * Parses `text` and hands its tree to `read`; the tree (WebAssembly memory) is freed afterwards,
   * so nodes must not be kept. Never throws for bad bash: it comes back with ERROR nodes.
   */
  parse<T>(text: string, read: (root: SyntaxNode) => T): T;
}

/** Loads web-tree-sitter and the tree-sitter-bash grammar (both WebAssembly, so they also load in Electron). */
export async function createBashParser(): Promise<BashParser> {
  const require = createRequire(import.meta.url);
  await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
  const bash = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(bash);
  return {
    parse(text, read) {
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      try {
        return read(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}
