import { describe, expect, it } from 'vitest';
import { releaseText, sizeText, snapshotRelease, trimRelease } from './github-release-shapes';
import { tagProblem } from './github-release-tools';

const release = {
  id: 1,
  tag_name: 'v1.0.0',
  name: 'v1.0.0',
  target_commitish: 'master',
  draft: false,
  prerelease: false,
  author: { login: 'octocat' },
  created_at: '2013-02-27T19:35:32Z',
  published_at: '2013-02-27T19:35:32Z',
  body: 'Description of the release',
  assets: [{ id: 1, name: 'example.zip', size: 1024, download_count: 42, content_type: 'application/zip' }],
  html_url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
};

describe('releases as the tools show and keep them', () => {
  it('trims a release to what a person reads, cutting long notes', () => {
    expect(trimRelease(release)).toEqual({ id: 1, tag: 'v1.0.0', name: 'v1.0.0', target: 'master', draft: false, prerelease: false, author: 'octocat', createdAt: '2013-02-27T19:35:32Z', publishedAt: '2013-02-27T19:35:32Z', notes: 'Description of the release', assets: [{ id: 1, name: 'example.zip', size: 1024, downloads: 42, contentType: 'application/zip' }], htmlUrl: release.html_url });
    expect(trimRelease({ ...release, body: 'n'.repeat(2500) }).notes).toBe(`${'n'.repeat(2000)}… (500 more characters)`);
    expect(trimRelease({ ...release, name: '', body: null }).name).toBeNull();
  });

  it('keeps what undo needs to put a release back, its assets only by name', () => {
    expect(snapshotRelease(release)).toEqual({ id: 1, tag: 'v1.0.0', target: 'master', name: 'v1.0.0', notes: 'Description of the release', draft: false, prerelease: false, assets: ['example.zip'] });
  });

  it('renders the fields an edit changes, for a diff', () => {
    expect(releaseText({ tag: 'v1', target: 'main', name: null, notes: 'Notes', draft: true, prerelease: false })).toBe('tag: v1\ntarget: main\nname: \nstate: draft\n\nNotes\n');
  });

  it('writes sizes in words', () => {
    expect(sizeText(512)).toBe('512 bytes');
    expect(sizeText(1024)).toBe('1.0 KiB');
    expect(sizeText(5 * 1024 ** 2 + 1)).toBe('5.0 MiB');
  });

  it("refuses tags git refuses", () => {
    for (const tag of ['v1.4.0', 'release/2024-01', 'v2.0.0-rc.1']) expect(tagProblem(tag), tag).toBeNull();
    expect(tagProblem('v1 .0')).toMatch(/has a space or one of/);
    expect(tagProblem('v1..0')).toMatch(/has "..", "@\{" or "\/\/"/);
    expect(tagProblem('-v1')).toMatch(/starts or ends in a way git does not allow/);
    expect(tagProblem('v1.lock')).toMatch(/starts or ends/);
  });
});
