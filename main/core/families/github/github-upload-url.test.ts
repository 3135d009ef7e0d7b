import { describe, expect, it } from 'vitest';
import { uploadRoot } from './github-upload-url';

describe('where release assets are uploaded', () => {
  it("is GitHub's upload host for the API root in use", () => {
    expect(uploadRoot('https://api.github.com')).toBe('https://uploads.github.com');
    expect(uploadRoot('https://api.github.com/')).toBe('https://uploads.github.com');
    // GitHub Enterprise Server: the same host, under /api/uploads.
    expect(uploadRoot('https://github.acme.com/api/v3')).toBe('https://github.acme.com/api/uploads');
    // GitHub Enterprise Cloud with data residency.
    expect(uploadRoot('https://api.acme.ghe.com')).toBe('https://uploads.acme.ghe.com');
  });

  it('is the API root itself for anything else (a proxy, the test mock), never a host an answer named', () => {
    expect(uploadRoot('http://127.0.0.1:40955')).toBe('http://127.0.0.1:40955');
    expect(uploadRoot('https://proxy.internal/github/')).toBe('https://proxy.internal/github');
  });
});
