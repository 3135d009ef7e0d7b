import type Dockerode from 'dockerode';
import type { ToolContext, ToolResult } from '../../../tools/tool-definition';
import { dockerKey } from '../docker-access';
import { dockerFailure } from '../docker-errors';

/** Every Docker tool acts on the engine of its context, which is also its approval target. */
export const dockerTarget = ({ ctx }: { ctx: ToolContext }) => ctx.access(dockerKey).target;
export const dockerClient = (ctx: ToolContext): Dockerode => ctx.access(dockerKey).client();

/** Runs an engine operation, turning its failure into a result that says what to do. */
export async function attempt<O>(doing: string, operation: () => Promise<O>): Promise<ToolResult<O>> {
  try {
    return { ok: true, output: await operation() };
  } catch (error) {
    return dockerFailure(error, doing);
  }
}
