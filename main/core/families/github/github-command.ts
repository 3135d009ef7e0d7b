import type { FamilyCommand } from '../family-command';
import { type Call, runCall, table } from '../tool-call-command';
import { optionsOf, toolCall } from './github-command-tools';
import { githubTools } from './github-tools';

// `reign github …`: one tool call per command line, through the policy and the journal like the
// chat's steps. Reads print tables (`--json` prints the tool's output); `--repo OWNER/REPO` names
// the repository, `GITHUB_API_URL` another API root (GitHub Enterprise Server, the test mock).

type Values = Readonly<Record<string, unknown>>;
type Repo = { fullName: string; visibility: string; defaultBranch: string; stars: number; pushedAt: string | null; archived: boolean };
type Pull = { number: number; title: string; state: string; draft: boolean; author: string | null; base: string; head: string };
type Run = { id: number; workflow: string | null; status: string | null; conclusion: string | null; branch: string | null; event: string; createdAt: string };

/** `repo get|list, pr list|create|…`: the family's tools as command lines, by noun. */
const usage = (): string => {
  const verbs = new Map<string, string[]>();
  for (const tool of githubTools) {
    const [, noun, verb] = tool.name.split('.');
    verbs.set(noun!, [...(verbs.get(noun!) ?? []), verb!]);
  }
  return [...verbs].map(([noun, list]) => `${noun} ${list.join('|')}`).join(', ');
};
const more = (output: Record<string, unknown>, noun: string): string => (output.more ? `(GitHub has more ${noun}: raise --limit)\n` : '');
const limit = (values: Values): { limit?: number } | string => {
  if (values.limit === undefined) return {};
  const value = Number(values.limit);
  return Number.isInteger(value) && value >= 1 && value <= 1000 ? { limit: value } : `--limit takes a whole number from 1 to 1000, not "${values.limit}"`;
};
const only = (values: Values, names: readonly string[]): Record<string, string> => Object.fromEntries(names.flatMap((name) => (typeof values[name] === 'string' ? [[name, values[name] as string]] : [])));

/** The tool call of `reign github NOUN VERB …`, or what is wrong with the command line. */
export function githubCall(words: readonly string[], values: Values): Call | string {
  const [noun, verb, argument] = words;
  const bounded = limit(values);
  if (typeof bounded === 'string') return bounded;
  const repo = (argument ?? values.repo) as string | undefined;
  const needRepo = (): string => `reign github ${noun} ${verb}: name the repository (--repo OWNER/REPO).`;
  switch (`${noun} ${verb}`) {
    case 'repo get':
      if (!repo) return 'reign github repo get: name the repository (reign github repo get OWNER/REPO).';
      return { tool: 'github.repo.get', input: { repo }, read: true, print: (output) => table([['REPOSITORY', 'VISIBILITY', 'DEFAULT BRANCH', 'STARS', 'LAST PUSH'], row(output as unknown as Repo)]) };
    case 'repo list':
      return {
        tool: 'github.repo.list',
        input: { ...(argument ? { owner: argument } : {}), ...bounded },
        read: true,
        print: (output) => {
          const repositories = output.repositories as Repo[];
          return repositories.length ? `${table([['REPOSITORY', 'VISIBILITY', 'DEFAULT BRANCH', 'STARS', 'LAST PUSH'], ...repositories.map(row)])}${more(output, 'repositories')}` : 'No repositories.\n';
        },
      };
    case 'pr list':
      if (!repo) return needRepo();
      return {
        tool: 'github.pr.list',
        input: { repo, ...only(values, ['state', 'base', 'head']), ...bounded },
        read: true,
        print: (output) => {
          const pulls = output.pullRequests as Pull[];
          if (!pulls.length) return 'No pull requests.\n';
          return `${table([['#', 'TITLE', 'STATE', 'AUTHOR', 'BASE ← HEAD'], ...pulls.map((pull) => [String(pull.number), pull.title, pull.draft ? `${pull.state} (draft)` : pull.state, pull.author ?? '', `${pull.base} ← ${pull.head}`])])}${more(output, 'pull requests')}`;
        },
      };
    case 'run list':
      if (!repo) return needRepo();
      return {
        tool: 'github.run.list',
        input: { repo, ...only(values, ['workflow', 'branch', 'status', 'event']), ...bounded },
        read: true,
        print: (output) => {
          const runs = output.runs as Run[];
          if (!runs.length) return 'No workflow runs.\n';
          return `${table([['RUN', 'WORKFLOW', 'STATUS', 'BRANCH', 'EVENT', 'STARTED'], ...runs.map((run) => [String(run.id), run.workflow ?? '', run.conclusion ?? run.status ?? '', run.branch ?? '', run.event, run.createdAt])])}${more(output, 'runs')}`;
        },
      };
    default: {
      const tool = githubTools.find((candidate) => candidate.name === `github.${noun}.${verb}`);
      if (!tool) return `reign github: use ${usage()} (see \`reign --help\`).`;
      return toolCall(tool, argument, words.slice(3), values);
    }
  }
}

function row(repo: Repo): string[] {
  return [repo.archived ? `${repo.fullName} (archived)` : repo.fullName, repo.visibility, repo.defaultBranch, String(repo.stars), repo.pushedAt ?? ''];
}

let options: ReturnType<typeof optionsOf> | undefined;

export const githubCommandLine: FamilyCommand = {
  name: 'github',
  usage: `  reign github repo get OWNER/REPO | repo list [OWNER]
  reign github pr list --repo OWNER/REPO [--state open|closed|all] [--base B] [--head H]
  reign github run list --repo OWNER/REPO [--workflow FILE|NAME] [--branch B] [--status S] [--event E]
  reign github NOUN VERB [ARG] --repo OWNER/REPO [--FIELD VALUE …]   every other github.NOUN.VERB tool
                                    (pr create --title T --head B, release create v1.4 --generate-notes,
                                    secret set NAME --from-env VAR…); changes run as a one-step plan
                                    with --approve. GitHub through its REST API (GITHUB_API_URL for
                                    GitHub Enterprise Server); the token from GH_TOKEN/GITHUB_TOKEN or
                                    Settings; --limit N
`,
  // Every field of every tool (kebab-case), so each tool's input can be written on the line. Made
  // when `reign github` is parsed, not when the family list loads (~0.1 s of JSON Schemas).
  get options() {
    return (options ??= optionsOf(githubTools));
  },
  run: async (cx, words, values) => {
    const call = githubCall(words, values);
    if (typeof call === 'string') {
      cx.io.stderr(`${call}\n`);
      return 2;
    }
    return runCall(cx, 'github', call);
  },
};
