import { describe, expect, it } from 'vitest';
import { fileChangesField, filesNeedingBlobs, INLINE_FILE_BYTES, INLINE_TOTAL_BYTES, repoPathProblem, treeEntries } from './github-git-data';

// The tree a commit is made of: what GitHub is sent for each file, and the paths refused before
// anything is sent. Against GitHub's contract: e2e/github-repos-commits.spec.ts.

const blobs = new Map([
  ['src/index.js', 'a'.repeat(40)],
  ['scripts/deploy.sh', 'b'.repeat(40)],
]);

describe('tree entries', () => {
  it('one per file in the order given: an uploaded blob by its sha (executable as 100755), a small file inline, a deletion as sha null', () => {
    expect(treeEntries([{ path: 'src/index.js', content: 'x' }, { path: 'old/README.md', delete: true }, { path: 'scripts/deploy.sh', content: '#!/bin/sh\n', executable: true }, { path: 'README.md', content: '# Hi\n' }], blobs)).toEqual([
      { path: 'src/index.js', mode: '100644', type: 'blob', sha: 'a'.repeat(40) },
      { path: 'old/README.md', mode: '100644', type: 'blob', sha: null },
      { path: 'scripts/deploy.sh', mode: '100755', type: 'blob', sha: 'b'.repeat(40) },
      { path: 'README.md', mode: '100644', type: 'blob', content: '# Hi\n' },
    ]);
  });

  it('refuses a path named twice, and a path that is also the folder of another', () => {
    expect(() => treeEntries([{ path: 'src/index.js', content: 'x' }, { path: 'src/index.js', delete: true }], blobs)).toThrow('src/index.js is named twice in one commit.');
    expect(() => treeEntries([{ path: 'src', delete: true }, { path: 'src/index.js', content: 'x' }], blobs)).toThrow('src is both a file and the folder of src/index.js.');
  });

  it('uploads as blobs only the files too large to go inline, and those past the inline total', () => {
    const big = 'x'.repeat(INLINE_FILE_BYTES + 1);
    const fair = 'y'.repeat(INLINE_FILE_BYTES);
    expect(filesNeedingBlobs([{ path: 'small', content: 'a' }, { path: 'big', content: big }, { path: 'gone', delete: true }])).toEqual(['big']);
    // 16 files of 64 KiB fill the 1 MiB inline total exactly (with the one byte of "a" the last one no longer fits).
    const many = Array.from({ length: 16 }, (_, index) => ({ path: `f${index}`, content: fair }));
    expect(filesNeedingBlobs(many)).toEqual([]);
    expect(filesNeedingBlobs([{ path: 'a', content: 'a' }, ...many])).toEqual(['f15']);
    expect(INLINE_TOTAL_BYTES).toBe(16 * INLINE_FILE_BYTES);
  });
});

describe('paths', () => {
  it.each([
    ['/etc/passwd', 'starts with "/"'],
    ['a\\b.txt', 'backslash'],
    ['docs/', 'ends with "/"'],
    ['a/../b', 'an empty, "." or ".." part'],
    ['a//b', 'an empty, "." or ".." part'],
    ['.git/config', 'inside .git'],
    ['sub/.GIT/hooks/x', 'inside .git'],
  ])('%s is refused (%s)', (path, reason) => {
    expect(repoPathProblem(path)).toContain(reason);
  });

  it('takes ordinary paths, workflows and dotfiles included', () => {
    for (const path of ['README.md', '.github/workflows/ci.yml', 'src/deep/er/file.ts', '.gitignore', 'a.git']) expect(repoPathProblem(path), path).toBeNull();
  });

  it('the files field refuses no files and a file given twice', () => {
    expect(fileChangesField.safeParse([]).error?.issues[0]?.message).toBe('no files: give at least one file to write or delete');
    expect(fileChangesField.safeParse([{ path: 'a', content: '1' }, { path: 'a', content: '2' }]).error?.issues[0]?.message).toBe('a is named twice: give each file once');
    expect(fileChangesField.safeParse([{ path: 'a', delete: false }]).success).toBe(false);
  });
});
