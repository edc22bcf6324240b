import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the head-office password (and later other secrets) live. */
export interface SecretStore {
  /** `os`: encrypted with a key the operating system guards; `none`: readable by anyone with the file. */
  readonly protection: 'os' | 'none';
  /** Where the sealed (or, without protection, plain) secrets are: said to the technician as is. */
  readonly file: string;
  read(name: string): string | null;
  write(name: string, value: string): void;
  remove(name: string): void;
}

/** The shape of Electron's `safeStorage`; the desktop shell passes it in, services never import electron. */
export interface StringEncryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

abstract class JsonFileStore implements SecretStore {
  abstract readonly protection: 'os' | 'none';

  constructor(readonly file: string) {}

  protected abstract seal(value: string): string;
  protected abstract open(sealed: string): string;

  read(name: string): string | null {
    const sealed = this.entries()[name];
    return sealed === undefined ? null : this.open(sealed);
  }

  write(name: string, value: string): void {
    this.save({ ...this.entries(), [name]: this.seal(value) });
  }

  remove(name: string): void {
    const entries = this.entries();
    delete entries[name];
    this.save(entries);
  }

  private entries(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private save(entries: Record<string, string>): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(entries, null, 2), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }
}

/** Secrets encrypted by the OS keychain (DPAPI, Keychain, libsecret) through Electron's safeStorage. */
export class EncryptedFileSecretStore extends JsonFileStore {
  readonly protection = 'os' as const;

  constructor(dataDir: string, private readonly encryptor: StringEncryptor) {
    super(join(dataDir, 'secrets.encrypted.json'));
  }

  protected seal(value: string): string {
    return this.encryptor.encryptString(value).toString('base64');
  }

  protected open(sealed: string): string {
    return this.encryptor.decryptString(Buffer.from(sealed, 'base64'));
  }
}

/**
 * Fallback where no OS protection exists (plain Node: tests, the browser host on
 * a server). The name says it: the file is only as safe as its permissions (0600).
 */
export class UnprotectedFileSecretStore extends JsonFileStore {
  readonly protection = 'none' as const;

  constructor(dataDir: string) {
    super(join(dataDir, 'secrets.UNPROTECTED.json'));
  }

  protected seal(value: string): string {
    return value;
  }

  protected open(sealed: string): string {
    return sealed;
  }
}

/** OS protection whenever it is offered; the unprotected file only when it is not. */
export function chooseSecretStore(dataDir: string, encryptor?: StringEncryptor | null): SecretStore {
  return encryptor?.isEncryptionAvailable() ? new EncryptedFileSecretStore(dataDir, encryptor) : new UnprotectedFileSecretStore(dataDir);
}

export const HEAD_OFFICE_PASSWORD = 'head-office-password';
/** A client key pasted by the technician: as secret as the password. */
export const HEAD_OFFICE_CLIENT_KEY = 'head-office-client-key';
