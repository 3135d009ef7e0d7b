import { z } from 'zod';
import type { Octokit } from './github-client';
import { splitRepo } from './github-target';

// Releases as the tools show and keep them: the fields a person reads (no API URLs), what undo
// needs to put a release back, and the text a preview diffs.

export const assetSummary = z.object({ id: z.number(), name: z.string(), size: z.number(), downloads: z.number(), contentType: z.string() });

export const releaseSummary = z.object({
  id: z.number().describe('The release id (drafts are found by id: they have no tag yet)'),
  tag: z.string(),
  name: z.string().nullable(),
  target: z.string().describe('The branch or commit the tag is made from'),
  draft: z.boolean(),
  prerelease: z.boolean(),
  author: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  notes: z.string().nullable().describe('The release notes (Markdown), cut after 2000 characters'),
  assets: z.array(assetSummary),
  htmlUrl: z.string(),
});
export type ReleaseSummary = z.infer<typeof releaseSummary>;

export interface ReleaseLike {
  readonly id: number;
  readonly tag_name: string;
  readonly name: string | null;
  readonly target_commitish: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly author?: { readonly login: string } | null;
  readonly created_at: string;
  readonly published_at: string | null;
  readonly body?: string | null;
  readonly assets?: readonly { readonly id: number; readonly name: string; readonly size: number; readonly download_count: number; readonly content_type: string }[];
  readonly html_url: string;
}

const NOTES_SHOWN = 2000;

export function trimRelease(release: ReleaseLike): ReleaseSummary {
  const body = release.body ?? null;
  return {
    id: release.id,
    tag: release.tag_name,
    name: release.name || null,
    target: release.target_commitish,
    draft: release.draft,
    prerelease: release.prerelease,
    author: release.author?.login ?? null,
    createdAt: release.created_at,
    publishedAt: release.published_at,
    notes: body && body.length > NOTES_SHOWN ? `${body.slice(0, NOTES_SHOWN)}… (${body.length - NOTES_SHOWN} more characters)` : body,
    assets: (release.assets ?? []).map((asset) => ({ id: asset.id, name: asset.name, size: asset.size, downloads: asset.download_count, contentType: asset.content_type })),
    htmlUrl: release.html_url,
  };
}

/** The fields of a release an edit may change, as a preview diffs them. */
export interface ReleaseFields {
  readonly tag: string;
  readonly target: string;
  readonly name: string | null;
  readonly notes: string | null;
  readonly draft: boolean;
  readonly prerelease: boolean;
}

/** What undo needs to put a release's fields back (an edit) or to recreate it (a delete); assets are only named. */
export interface ReleaseSnapshot extends ReleaseFields {
  readonly id: number;
  readonly assets: readonly string[];
}

export const snapshotRelease = (release: ReleaseLike): ReleaseSnapshot => ({
  id: release.id,
  tag: release.tag_name,
  target: release.target_commitish,
  name: release.name ?? null,
  notes: release.body ?? null,
  draft: release.draft,
  prerelease: release.prerelease,
  assets: (release.assets ?? []).map((asset) => asset.name),
});


export function releaseText(release: ReleaseFields): string {
  const state = release.draft ? 'draft' : release.prerelease ? 'pre-release' : 'published';
  return [`tag: ${release.tag}`, `target: ${release.target}`, `name: ${release.name ?? ''}`, `state: ${state}`, '', release.notes ?? '', ''].join('\n');
}

/** A release named by its tag (`v1.4.0`) or its id (a number: drafts, which have no tag yet). */
export const releaseRefField = z.union([z.number().int().positive(), z.string().trim().min(1).max(255)]).describe('The release: its tag (v1.4.0), or its id for a draft (github.release.list shows ids)');
export type ReleaseRef = z.infer<typeof releaseRefField>;

export const describeRelease = (ref: ReleaseRef): string => (typeof ref === 'number' ? `release id ${ref}` : `release ${ref}`);

/** The release, by id or by tag (GitHub finds only published releases by tag). */
export async function getRelease(octokit: Octokit, repo: string, ref: ReleaseRef, signal: AbortSignal): Promise<ReleaseLike> {
  const { owner, repo: name } = splitRepo(repo);
  if (typeof ref === 'number') return (await octokit.request('GET /repos/{owner}/{repo}/releases/{release_id}', { owner, repo: name, release_id: ref, request: { signal } })).data;
  return (await octokit.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { owner, repo: name, tag: ref, request: { signal } })).data;
}

/** Bytes in words: 1024 → "1.0 KiB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
