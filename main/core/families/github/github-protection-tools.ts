import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type Preview, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { changePreview, githubFacts, statusOf } from './github-facts';
import { branchField } from './github-fields';
import { protectBody, type ProtectionLike, type ProtectionRules, protectionDiff, type ProtectRules, protectRulesInput, restoreBody, ruleLines, rulesFromGitHub, rulesFromInput, weakenings } from './github-protection-rules';
import { defaultBranchOf } from './github-refs';
import { repoField, repoTarget, splitRepo } from './github-target';

// Branch protection: set (a PUT that replaces every rule) and removed. The preview diffs the
// protection GitHub has now against what the step leaves; weakening or removing it is destructive.
// Undo puts the snapshot's rules back exactly, or removes the protection a step added.

const route = 'GET /repos/{owner}/{repo}/branches/{branch}/protection';
const protectionPath = (repo: string, branch: string) => `/repos/${repo}/branches/${branch}/protection`;

/** GitHub's 404 for a branch without protection says so; any other 404 (no such branch or repository, no admin access) is a failure. */
const notProtected = (error: unknown): boolean => statusOf(error) === 404 && /not protected/i.test(String((error as { response?: { data?: { message?: unknown } } }).response?.data?.message ?? ''));

/** The branch's protection now, or null when it has none. */
export async function readProtection(octokit: Octokit, repo: string, branch: string, signal?: AbortSignal): Promise<ProtectionRules | null> {
  try {
    const { data } = await octokit.request(route, { ...splitRepo(repo), branch, request: { signal } });
    return rulesFromGitHub(data as ProtectionLike);
  } catch (error) {
    if (notProtected(error)) return null;
    throw error;
  }
}

async function putProtection(octokit: Octokit, repo: string, branch: string, body: Record<string, unknown>, signal: AbortSignal): Promise<ProtectionRules> {
  const { data } = await octokit.request('PUT /repos/{owner}/{repo}/branches/{branch}/protection', { ...splitRepo(repo), branch, ...body, request: { signal } } as never);
  return rulesFromGitHub(data as ProtectionLike);
}

/** Removes it; false when there was none. */
async function removeProtection(octokit: Octokit, repo: string, branch: string, signal: AbortSignal): Promise<boolean> {
  try {
    await octokit.request('DELETE /repos/{owner}/{repo}/branches/{branch}/protection', { ...splitRepo(repo), branch, request: { signal } });
    return true;
  } catch (error) {
    if (notProtected(error)) return false;
    throw error;
  }
}

interface ProtectionFacts {
  readonly defaultBranch: string;
  readonly current: ProtectionRules | null;
}

interface Where {
  readonly repo: string;
  readonly branch: string;
}

const protectionFacts = (ctx: ToolContext, input: Where, signal?: AbortSignal): Promise<ProtectionFacts> =>
  githubFacts(ctx, `Reading the protection of ${input.branch} in ${input.repo}`, async (octokit) => {
    const [defaultBranch, current] = await Promise.all([defaultBranchOf(octokit, input.repo, signal), readProtection(octokit, input.repo, input.branch, signal)]);
    return { defaultBranch, current };
  });

const readCurrent = (ctx: ToolContext, input: Where) => githubFacts(ctx, `Reading the protection of ${input.branch} in ${input.repo}`, (octokit) => readProtection(octokit, input.repo, input.branch));

/** The approval is bound to the protection the diff was made from: if someone changes it before the step runs, it is approved again. */
const protectionHash = (facts: ProtectionFacts | undefined): string | null => (facts ? createHash('sha256').update(JSON.stringify(facts.current)).digest('hex') : null);

const branchLabel = (input: Where, facts: ProtectionFacts): string => `${input.branch}${facts.defaultBranch === input.branch ? ' (the default branch)' : ''} of ${input.repo}`;
const ruleTexts = (rules: ProtectionRules | null): string[] => ruleLines(rules).map(([label, value]) => `${label}: ${value}`);

/** A preview from the protection now, or one saying it cannot be read (the step would fail the same way). */
async function protectionPreview(ctx: ToolContext, input: Where, what: string, show: (current: ProtectionRules | null) => readonly (string | false | null | undefined)[]): Promise<Preview> {
  let current: ProtectionRules | null;
  try {
    current = await readCurrent(ctx, input);
  } catch (error) {
    return changePreview(ctx, [what, `Cannot read its protection now: ${(error as Error).message}`]);
  }
  return changePreview(ctx, [what, ...show(current)]);
}

type ProtectInput = Where & ProtectRules;

/** What an undo did: removed the protection a step added, or put the snapshot's rules back (null: there were none). */
type UndoOutput = { branch: string; removed?: boolean; restored?: string[] | null };

export const githubBranchProtect = defineTool<ProtectInput, { branch: string; rules: string[] }, { current: ProtectionRules | null }, ProtectionFacts>({
  name: 'github.branch.protect',
  description:
    'Protect a branch: require pull request reviews (count, dismiss stale approvals, code owners), required status checks (strict: up to date first), rules for administrators too, linear history, resolved conversations; allow or block force pushes and deletion. It replaces the whole protection: every rule left out is off, and push restrictions are removed. The preview diffs the current protection against the new one; weakening it is destructive. Undo puts the current protection back (or removes it when there was none).',
  input: z.object({ repo: repoField, branch: branchField, ...protectRulesInput }).strict(),
  output: z.object({ branch: z.string(), rules: z.array(z.string()).describe('The protection GitHub now has, rule by rule') }),
  inspect: ({ input, ctx, signal }) => protectionFacts(ctx, input, signal),
  contentHash: protectionHash,
  risk: ({ input, facts }) => {
    if (!facts) return assess('destructive', `replaces the protection of ${input.branch} in ${input.repo}: its current rules could not be read, so this may weaken them`);
    const weaker = weakenings(facts.current, rulesFromInput(input));
    if (weaker.length) return assess('destructive', `weakens the protection of ${branchLabel(input, facts)}: ${weaker.join('; ')}`);
    return assess('write', `${facts.current ? 'changes' : 'adds'} the protection of ${branchLabel(input, facts)}`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: ({ input, ctx }) =>
    protectionPreview(ctx, input, `Protect the branch ${input.branch} of ${input.repo}`, (current) => {
      const weaker = weakenings(current, rulesFromInput(input));
      return [
        current ? 'It is protected now. Its rules, now (-) and after this step (+):' : 'It is not protected now. Its rules after this step (+):',
        ...protectionDiff(current, rulesFromInput(input)),
        weaker.length > 0 && `This weakens its protection: ${weaker.join('; ')}.`,
        `PUT ${protectionPath(input.repo, input.branch)}`,
        current ? 'Undo puts the current protection back.' : 'Undo removes the protection again.',
      ];
    }),
  snapshot: async ({ input, ctx }) => ({ current: await readCurrent(ctx, input) }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Protecting ${input.branch} of ${input.repo}`, async (octokit) => {
      const now = await putProtection(octokit, input.repo, input.branch, protectBody(input), signal);
      log('info', `protected ${input.branch} of ${input.repo}\n`);
      return { ok: true, output: { branch: input.branch, rules: ruleTexts(now) } };
    }),
  undo: ({ input, output, snapshot, ctx, signal }) =>
    githubCall<UndoOutput>(ctx, `Putting back the protection of ${input.branch} of ${input.repo}`, async (octokit) => {
      // Only the protection this step set is taken back: one changed since is someone's later decision.
      const now = ruleTexts(await readProtection(octokit, input.repo, input.branch, signal));
      if (output && now.join('\n') !== output.rules.join('\n')) return toolFailure('PROTECTION_CHANGED', `The protection of ${input.branch} of ${input.repo} was changed after this step set it, so undo leaves it as it is now.`);
      if (!snapshot.current) return { ok: true, output: { branch: input.branch, removed: await removeProtection(octokit, input.repo, input.branch, signal) } };
      return { ok: true, output: { branch: input.branch, restored: ruleTexts(await putProtection(octokit, input.repo, input.branch, restoreBody(snapshot.current), signal)) } };
    }),
  // The same PUT twice leaves the same protection.
  idempotent: true,
  describeChange: (input) => `set the protection of ${input.branch} of ${input.repo}`,
  examples: [
    { repo: 'octocat/Hello-World', branch: 'main', reviews: { required: 1, dismissStale: true }, checks: { contexts: ['ci/test'], strict: true } },
    { repo: 'octocat/Hello-World', branch: 'release', reviews: { required: 2, codeOwners: true }, enforceAdmins: true, linearHistory: true, conversationResolution: true },
  ],
});

export const githubBranchUnprotect = defineTool<Where, { branch: string; removed: boolean }, { current: ProtectionRules | null }, ProtectionFacts>({
  name: 'github.branch.unprotect',
  description: "Remove a branch's protection: anyone with write access can then push to it, force-push and delete it. Destructive. The preview lists the rules removed; undo puts them back.",
  input: z.object({ repo: repoField, branch: branchField }).strict(),
  output: z.object({ branch: z.string(), removed: z.boolean().describe('false: it had no protection') }),
  inspect: ({ input, ctx, signal }) => protectionFacts(ctx, input, signal),
  contentHash: protectionHash,
  risk: ({ input, facts }) => {
    if (!facts) return assess('destructive', `removes the protection of ${input.branch} in ${input.repo} (its rules could not be read)`);
    if (!facts.current) return assess('destructive', `removes the protection of ${branchLabel(input, facts)}, which has none now: nothing changes`);
    return assess('destructive', `removes every protection rule of ${branchLabel(input, facts)}: anyone with write access can then push to it, force-push and delete it`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: ({ input, ctx }) =>
    protectionPreview(ctx, input, `Remove the protection of the branch ${input.branch} of ${input.repo}`, (current) =>
      current
        ? ['Its rules, now (-) and after this step (+):', ...protectionDiff(current, null), `DELETE ${protectionPath(input.repo, input.branch)}`, 'Undo puts these rules back.']
        : ['It is not protected now: nothing would change.'],
    ),
  snapshot: async ({ input, ctx }) => ({ current: await readCurrent(ctx, input) }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Removing the protection of ${input.branch} of ${input.repo}`, async (octokit) => {
      const removed = await removeProtection(octokit, input.repo, input.branch, signal);
      log('info', removed ? `removed the protection of ${input.branch} of ${input.repo}\n` : `${input.branch} of ${input.repo} was not protected\n`);
      return { ok: true, output: { branch: input.branch, removed } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall<UndoOutput>(ctx, `Putting back the protection of ${input.branch} of ${input.repo}`, async (octokit) => {
      if (!snapshot.current) return { ok: true, output: { branch: input.branch, restored: null } };
      // Protected again since the step removed it: someone's later decision, left as it is.
      if (await readProtection(octokit, input.repo, input.branch, signal)) return toolFailure('PROTECTION_CHANGED', `${input.branch} of ${input.repo} was protected again after this step removed its protection, so undo leaves it as it is now.`);
      return { ok: true, output: { branch: input.branch, restored: ruleTexts(await putProtection(octokit, input.repo, input.branch, restoreBody(snapshot.current), signal)) } };
    }),
  idempotent: true,
  describeChange: (input) => `removed the protection of ${input.branch} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', branch: 'legacy' }],
});

export const githubProtectionTools = [githubBranchProtect, githubBranchUnprotect];
