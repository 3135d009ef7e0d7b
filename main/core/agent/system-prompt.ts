import { readdirSync } from 'node:fs';
import { findAssetDir, readAsset } from '../resources';

export interface SystemPrompt {
  readonly version: string;
  readonly text: string;
}

/** The newest prompts/system-vN.md, with its placeholders filled in. */
export function loadSystemPrompt(values: { workspace: string; platform: string; date: string }): SystemPrompt {
  const versions = readdirSync(findAssetDir('prompts'))
    .map((file) => /^system-v(\d+)\.md$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  const newest = versions[0];
  if (!newest) throw new Error('No system prompt (prompts/system-vN.md) was found; the installation is incomplete.');
  const text = readAsset('prompts', newest[0]).replace(/\{\{(\w+)\}\}/g, (match, key: string) => (values as Record<string, string>)[key] ?? match);
  return { version: `system-v${newest[1]}`, text };
}
