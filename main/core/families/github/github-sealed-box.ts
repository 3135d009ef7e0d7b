// A secret travels to GitHub encrypted for GitHub alone: a libsodium sealed box
// (crypto_box_seal: an ephemeral X25519 key pair and XSalsa20-Poly1305) made with the public key
// GitHub keeps for the repository, environment or organisation. Only GitHub holds the private key,
// so neither the request nor anything that logs it can reveal the value.

type Sodium = typeof import('libsodium-wrappers').default;

let loaded: Promise<Sodium> | null = null;

/** libsodium (WebAssembly), loaded and initialised on the first secret a run sets: nothing else pays for it. */
function sodium(): Promise<Sodium> {
  loaded ??= (async () => {
    const { default: library } = await import('libsodium-wrappers');
    await library.ready;
    return library;
  })();
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** GitHub's public key was not one libsodium can seal for. Its message never holds the value being sealed. */
export class SealedBoxKeyError extends Error {
  readonly code = 'GITHUB_PUBLIC_KEY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SealedBoxKeyError';
  }
}

/**
 * `value` sealed for `publicKey` (standard base64, as GET …/secrets/public-key gives it): the
 * standard base64 GitHub takes as `encrypted_value`.
 */
export async function sealForGitHub(value: string, publicKey: string): Promise<string> {
  const library = await sodium();
  let key: Uint8Array;
  try {
    key = library.from_base64(publicKey, library.base64_variants.ORIGINAL);
  } catch {
    throw new SealedBoxKeyError("GitHub's public key for secrets is not base64: nothing was sent. Try again; if it persists, GitHub (or the proxy in front of it) answered something other than a key.");
  }
  if (key.length !== library.crypto_box_PUBLICKEYBYTES) throw new SealedBoxKeyError(`GitHub's public key for secrets is ${key.length} bytes, not the ${library.crypto_box_PUBLICKEYBYTES} of a libsodium box key: nothing was sent. GitHub (or the proxy in front of it) answered something other than a key.`);
  return library.to_base64(library.crypto_box_seal(library.from_string(value), key), library.base64_variants.ORIGINAL);
}
