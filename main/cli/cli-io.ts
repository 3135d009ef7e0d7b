/** Where the CLI writes; tests capture it. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin?: NodeJS.ReadableStream;
  /**
   * Asks the person at the terminal and returns the line they typed; null when there is no
   * terminal (stdin or stdout not a TTY: a script, an agent's shell, a pipe), where nobody can be asked.
   */
  readonly ask?: (question: string) => Promise<string | null>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  ask: async (question) => {
    if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
    const { createInterface } = await import('node:readline/promises');
    const line = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await line.question(question);
    } finally {
      line.close();
    }
  },
};
