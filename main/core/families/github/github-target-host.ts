import type { ToolDefinition } from '../../tools/tool-definition';
import { resolveApiUrl } from './github-api-url';

// `github:acme/api` names a repository of github.com. The same name on a GitHub Enterprise Server
// is another repository, so there its targets carry the server's host (`github:ghe.acme.com/acme/api`):
// a rule, a production mark or an approval written for one never holds for the other. Done once,
// for every tool of the family, where the family lists them.

/** The tool, its targets qualified with the server's host when the API root is not github.com's. */
export function onServerHost<I, O, S, F>(tool: ToolDefinition<I, O, S, F>): ToolDefinition<I, O, S, F> {
  return {
    ...tool,
    target: (args) => {
      const target = tool.target(args);
      const { host } = resolveApiUrl(args.ctx.env);
      if (host === 'github.com' || target.kind !== 'github' || !target.id.startsWith('github:')) return target;
      // The label stays the name a person types to confirm a production step; previews name the host.
      return { ...target, id: `github:${host.toLowerCase()}/${target.id.slice('github:'.length)}` };
    },
  };
}
