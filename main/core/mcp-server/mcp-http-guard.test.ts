import { describe, expect, it } from 'vitest';
import { bearerMatches, isAllowedOrigin, isLoopbackHost, mcpHttpRefusal, newMcpHttpToken } from './mcp-http-guard';

describe('the token of reign mcp --http', () => {
  it('is new on every start, at least 128 random bits, and safe in a header', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newMcpHttpToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it('is accepted only as the whole bearer credential', () => {
    const token = newMcpHttpToken();
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    for (const wrong of [undefined, '', token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer ${newMcpHttpToken()}`, `Bearer ${token} ${token}`, 'Bearer ']) {
      expect(bearerMatches(wrong, token), String(wrong)).toBe(false);
    }
  });
});

describe('the hosts and origins reign mcp --http answers', () => {
  it('answers only as 127.0.0.1 or localhost on its own port', () => {
    expect(isLoopbackHost('127.0.0.1:4100', 4100)).toBe(true);
    expect(isLoopbackHost('LOCALHOST:4100', 4100)).toBe(true);
    // A rebinding page reaches the same socket under its own name, or without the port.
    for (const host of [undefined, 'evil.example:4100', '127.0.0.1', '127.0.0.1:4101', 'localhost.evil.example:4100', '0.0.0.0:4100', '192.168.1.5:4100']) {
      expect(isLoopbackHost(host, 4100), String(host)).toBe(false);
    }
  });

  it('lets clients that send no Origin in, and web pages only from itself', () => {
    expect(isAllowedOrigin(undefined, 4100)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4100', 4100)).toBe(true);
    for (const origin of ['https://evil.example', 'http://127.0.0.1:4101', 'null', 'http://localhost:4100.evil.example', 'https://127.0.0.1:4100']) {
      expect(isAllowedOrigin(origin, 4100), origin).toBe(false);
    }
  });

  it('refuses a foreign host before it looks at the token, and says what to send', () => {
    const token = newMcpHttpToken();
    const expected = { port: 4100, token };
    expect(mcpHttpRefusal({ host: '127.0.0.1:4100', authorization: `Bearer ${token}` }, expected)).toBeNull();
    expect(mcpHttpRefusal({ host: 'evil.example:4100', authorization: `Bearer ${token}` }, expected)).toMatchObject({ status: 403, message: expect.stringContaining('127.0.0.1:4100') });
    expect(mcpHttpRefusal({ host: 'evil.example:4100' }, expected)?.status).toBe(403);
    expect(mcpHttpRefusal({ host: 'localhost:4100', origin: 'https://evil.example', authorization: `Bearer ${token}` }, expected)).toMatchObject({ status: 403, message: expect.stringContaining('https://evil.example') });
    expect(mcpHttpRefusal({ host: 'localhost:4100' }, expected)).toMatchObject({ status: 401, message: expect.stringMatching(/no Authorization header.*Authorization: Bearer TOKEN/) });
    const wrong = mcpHttpRefusal({ host: 'localhost:4100', authorization: 'Bearer guessed' }, expected);
    expect(wrong).toMatchObject({ status: 401, message: expect.stringContaining('does not carry the token of this start') });
    expect(wrong?.message).not.toContain('guessed');
    expect(wrong?.message).not.toContain(token);
  });
});
