import { KeychainUnavailableError } from './secret-store';

/**
 * Turns a failure of the keyring library into what the user should do on their OS. The library's
 * message names the cause (it never contains the value being stored); no secret is passed in here.
 */
export function explainKeychainFailure(error: unknown, platform: NodeJS.Platform): KeychainUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  const fix =
    platform === 'linux'
      ? 'Reign stores credentials through the Secret Service over D-Bus. Start a keyring daemon in your session ' +
        '(GNOME Keyring: `gnome-keyring-daemon --start --components=secrets`, or KeePassXC with Secret Service ' +
        'integration), make sure DBUS_SESSION_BUS_ADDRESS is set, and unlock the login keyring.'
      : platform === 'darwin'
        ? 'Unlock the login keychain in Keychain Access and allow Reign to use it.'
        : 'Check that the Windows Credential Manager service is running.';
  return new KeychainUnavailableError(`The OS keychain is not available (${detail}). ${fix} Reign never stores credentials in plain files.`, { cause: error });
}
