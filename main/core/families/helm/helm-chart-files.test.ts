import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../tools/tool-definition';
import { writeNewChart } from './helm-chart-files';

const workspace = () => realpathSync(mkdtempSync(join(tmpdir(), 'reign-chart-files-')));
const contextOf = (dir: string): ToolContext => ({ workspace: dir, env: {} }) as unknown as ToolContext;

describe('writing a new chart folder', () => {
  it('writes every file into a folder that does not exist yet', async () => {
    const dir = workspace();
    const written = await writeNewChart(contextOf(dir), 'charts/shop', [{ path: 'charts/shop/Chart.yaml', content: 'name: shop\n' }, { path: 'charts/shop/templates/a.yaml', content: 'a\n' }]);
    expect(written).toEqual({ ok: true, output: { path: 'charts/shop', files: ['charts/shop/Chart.yaml', 'charts/shop/templates/a.yaml'] } });
    expect(readdirSync(join(dir, 'charts/shop/templates'))).toEqual(['a.yaml']);
  });

  it('removes the files and folders it wrote when a write fails part way, and names the failure', async () => {
    const dir = workspace();
    // The second file sits under the first, which is a file by then: mkdir fails after two files are written.
    const written = await writeNewChart(contextOf(dir), 'charts/shop', [
      { path: 'charts/shop/Chart.yaml', content: 'name: shop\n' },
      { path: 'charts/shop/templates/deep/a.yaml', content: 'a\n' },
      { path: 'charts/shop/Chart.yaml/b.yaml', content: 'b\n' },
    ]);
    expect(written.ok).toBe(false);
    if (written.ok) return;
    expect(written.error.message).toMatch(/the files written before the failure were removed/);
    expect(existsSync(join(dir, 'charts'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a folder that was there, empty, before, and what else lives beside it', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'charts/shop'), { recursive: true });
    writeFileSync(join(dir, 'charts/other.txt'), 'mine\n');
    const written = await writeNewChart(contextOf(dir), 'charts/shop', [
      { path: 'charts/shop/templates/a.yaml', content: 'a\n' },
      { path: 'charts/shop/templates/a.yaml', content: 'a again\n' }, // two files at one path: the second write fails
    ]);
    expect(written.ok).toBe(false);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['other.txt', 'shop']);
    expect(readdirSync(join(dir, 'charts/shop'))).toEqual([]);
  });
});
