import { describe, expect, it } from 'vitest';
import { families } from '../families';
import { searchTools } from './tool-sets';

const names = (query: string, family?: string) => searchTools(families, query, family).map((tool) => tool.name);

describe('find_tools search', () => {
  it('finds tools by the words a person would use, best match first', () => {
    expect(names('restart container')[0]).toBe('docker.container.restart');
    expect(names('restart the web container')[0]).toBe('docker.container.restart');
    expect(names('backup volume')[0]).toBe('docker.volume.backup');
    expect(names('health check url')).toContain('http.check');
    expect(names('compose template postgres')[0]).toBe('compose.template.render');
  });

  it('narrows to one family, returns at most eight, and nothing for words no tool has', () => {
    expect(names('list', 'docker').every((name) => name.startsWith('docker.'))).toBe(true);
    expect(names('list inspect remove image container network volume').length).toBeLessThanOrEqual(8);
    expect(names('quantum teleport')).toEqual([]);
  });
});
