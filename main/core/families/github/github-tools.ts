import type { ToolDefinition } from '../../tools/tool-definition';
import { githubActionsTools } from './github-actions-tools';
import { githubBranchTools } from './github-branch-tools';
import { githubCommitTools } from './github-commit-tools';
import { githubEnvironmentTools } from './github-environment-tools';
import { githubEnvironmentWriteTools } from './github-environment-write-tools';
import { githubLocalGitTools } from './github-git-local-tools';
import { githubIssueChangeTools } from './github-issue-change-tools';
import { githubIssueTools } from './github-issue-tools';
import { githubPrMergeTools } from './github-pr-merge-tools';
import { githubPrReviewTools } from './github-pr-review-tools';
import { githubPrList } from './github-pr-tools';
import { githubPrWriteTools } from './github-pr-write-tools';
import { githubProtectionTools } from './github-protection-tools';
import { githubReleaseTools } from './github-release-tools';
import { githubRepoGet, githubRepoList } from './github-repo-tools';
import { githubRepoWriteTools } from './github-repo-write-tools';
import { githubRunList } from './github-run-tools';
import { githubSecretTools } from './github-secret-tools';
import { githubTagTools } from './github-tag-tools';
import { githubVariableTools } from './github-variable-tools';
import { githubViewTools } from './github-views';
import { githubWorkflowRender } from './github-workflow-render-tool';

// Every tool of the GitHub family, in one list: the family offers them, and `reign github NOUN
// VERB` derives its command lines and options from their input schemas.

export const githubTools: readonly ToolDefinition[] = [
  githubRepoGet,
  githubRepoList,
  ...githubRepoWriteTools,
  githubPrList,
  githubRunList,
  ...githubActionsTools,
  githubWorkflowRender,
  ...githubBranchTools,
  ...githubProtectionTools,
  ...githubCommitTools,
  ...githubPrMergeTools,
  ...githubPrWriteTools,
  ...githubPrReviewTools,
  ...githubIssueTools,
  ...githubIssueChangeTools,
  ...githubSecretTools,
  ...githubVariableTools,
  ...githubEnvironmentTools,
  ...githubEnvironmentWriteTools,
  ...githubReleaseTools,
  ...githubTagTools,
  ...githubLocalGitTools,
  ...githubViewTools,
];
