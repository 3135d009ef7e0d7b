import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SealedBoxKeyError, sealForGitHub } from './github-sealed-box';

beforeAll(() => sodium.ready);
const b64 = (bytes: Uint8Array): string => sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);

describe('the sealed box a secret travels in', () => {
  it('opens only with the private key of the public key it was sealed for, as GitHub opens it', async () => {
    const github = sodium.crypto_box_keypair();
    const sealed = await sealForGitHub('s3cr3t value ✓', b64(github.publicKey));
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), github.publicKey, github.privateKey, 'text')).toBe('s3cr3t value ✓');
    const other = sodium.crypto_box_keypair();
    expect(() => sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), other.publicKey, other.privateKey)).toThrow();
  });

  it('seals the same value differently each time (a fresh ephemeral key), so equal secrets cannot be told apart', async () => {
    const key = b64(sodium.crypto_box_keypair().publicKey);
    expect(await sealForGitHub('same', key)).not.toBe(await sealForGitHub('same', key));
  });

  it('refuses a key that is not a 32-byte box key, saying nothing was sent and never repeating the value', async () => {
    // The GitHub description's own example key is 33 bytes.
    const wrong = await sealForGitHub('hunter2-value', '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234').catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(SealedBoxKeyError);
    expect((wrong as Error).message).toBe("GitHub's public key for secrets is 33 bytes, not the 32 of a libsodium box key: nothing was sent. GitHub (or the proxy in front of it) answered something other than a key.");
    const garbage = await sealForGitHub('hunter2-value', 'not base64!').catch((error: unknown) => error);
    expect((garbage as Error).message).toMatch(/is not base64: nothing was sent/);
    expect(`${(wrong as Error).message}${(garbage as Error).message}`).not.toContain('hunter2');
  });
});
