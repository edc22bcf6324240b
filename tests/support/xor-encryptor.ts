import type { StringEncryptor } from '../../electron/services/replication/secret-store';

/** Stands in for Electron's safeStorage (it only exists inside the Electron runtime): the file must not show the plain text. */
export const xorEncryptor: StringEncryptor = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
};
