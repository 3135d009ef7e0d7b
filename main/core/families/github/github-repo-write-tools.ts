import { githubRepoCreate, githubRepoFork } from './github-repo-write-create';
import { githubRepoArchive, githubRepoDelete, githubRepoUpdate } from './github-repo-write-settings';

/** The repository tools that change something: create (from a template), fork, update settings, archive, delete. */
export const githubRepoWriteTools = [githubRepoCreate, githubRepoFork, githubRepoUpdate, githubRepoArchive, githubRepoDelete];
