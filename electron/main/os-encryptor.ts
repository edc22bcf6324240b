import { safeStorage } from 'electron';
import type { StringEncryptor } from '../services/replication/secret-store';

/**
 * Electron's safeStorage, honestly reported. On Linux without a keyring it falls
 * back to `basic_text`: "encryption" with a password built into Chromium, which
 * protects nothing. The counter then uses its plainly named unprotected file and
 * says so on the technician's screen, rather than pretend.
 */
export function osEncryptor(): StringEncryptor {
  const noKeyring = () => process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable() && !noKeyring(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
