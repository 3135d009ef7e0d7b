import { githubGitBranch, githubGitClone } from './github-git-local-branch-tools';
import { githubGitCommit, githubGitTag } from './github-git-local-commit-tools';
import { githubGitPull, githubGitPush } from './github-git-local-push-tools';

/**
 * Local git in the workspace through the git CLI (argument arrays, `-C` a folder inside the
 * workspace): clone, branch, commit, tag, push, pull. Credentials reach git only through Reign's
 * credential helper (github-git-credential-helper.ts), for the configured GitHub's host.
 */
export const githubLocalGitTools = [githubGitClone, githubGitBranch, githubGitCommit, githubGitTag, githubGitPush, githubGitPull];
