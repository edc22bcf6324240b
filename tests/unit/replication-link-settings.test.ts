import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresClientConfig } from '../../electron/services/headoffice/postgres-connection';
import { Backoff } from '../../electron/services/replication/backoff';
import { readHeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { chooseSecretStore, HEAD_OFFICE_PASSWORD, type StringEncryptor } from '../../electron/services/replication/secret-store';
import { describeLinkError, errorInWords } from '../../electron/services/replication/link-errors';
import { makeTempDir } from '../support/temp-dir';

const temps: Array<{ remove: () => void }> = [];
const tempDir = () => {
  const t = makeTempDir('repl-unit-');
  temps.push(t);
  return t.dir;
};
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

/** Stands in for Electron's safeStorage, which only exists inside the Electron runtime. */
const xorEncryptor = (available: boolean): StringEncryptor => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
});

describe('secret store', () => {
  it('uses OS protection when offered: the password never appears in the file', () => {
    const dir = tempDir();
    const store = chooseSecretStore(dir, xorEncryptor(true));
    store.write(HEAD_OFFICE_PASSWORD, 'very-secret-pw');
    expect(store.protection).toBe('os');
    const file = readFileSync(join(dir, 'secrets.encrypted.json'), 'utf8');
    expect(file).not.toContain('very-secret-pw');
    expect(chooseSecretStore(dir, xorEncryptor(true)).read(HEAD_OFFICE_PASSWORD)).toBe('very-secret-pw');
    store.remove(HEAD_OFFICE_PASSWORD);
    expect(store.read(HEAD_OFFICE_PASSWORD)).toBeNull();
  });

  it('falls back to a file named UNPROTECTED, readable by its owner only, when the OS offers nothing', () => {
    const dir = tempDir();
    const store = chooseSecretStore(dir, xorEncryptor(false));
    store.write(HEAD_OFFICE_PASSWORD, 'pw');
    expect(store.protection).toBe('none');
    const file = join(dir, 'secrets.UNPROTECTED.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(chooseSecretStore(dir).read(HEAD_OFFICE_PASSWORD)).toBe('pw');
  });
});

describe('head-office link settings', () => {
  it('defaults to the embedded demo head office when no settings file exists', () => {
    expect(readHeadOfficeSettings(tempDir())).toEqual({ mode: 'demo' });
  });

  it('reads a configured link with verify-full as the default TLS mode', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'head-office.json'), JSON.stringify({ mode: 'configured', host: 'ho.example', database: 'ho', user: 'branch_dj001' }));
    expect(readHeadOfficeSettings(dir)).toMatchObject({ mode: 'configured', port: 5432, sslmode: 'verify-full', certFile: null });
  });

  it('refuses a settings file that is not a known shape', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'head-office.json'), JSON.stringify({ mode: 'configured', host: '' }));
    expect(() => readHeadOfficeSettings(dir)).toThrow();
  });

  it('maps sslmode to TLS options: verify-full checks chain and name, require checks neither, client certificate read', () => {
    const dir = tempDir();
    for (const name of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(dir, name), `-----${name}-----`);
    const base = { host: 'ho', port: 5432, database: 'ho', user: 'b', caFile: join(dir, 'ca.pem'), certFile: join(dir, 'client.pem'), keyFile: join(dir, 'client.key') };
    const full = postgresClientConfig({ ...base, sslmode: 'verify-full' }).ssl;
    expect(full).toMatchObject({ rejectUnauthorized: true, ca: '-----ca.pem-----', cert: '-----client.pem-----', key: '-----client.key-----' });
    // verify-full checks the configured host itself (node-postgres gives TLS no name for an IP address).
    const checkFull = full && typeof full === 'object' ? full.checkServerIdentity : undefined;
    const forLocalhost = { subject: { CN: 'localhost' }, subjectaltname: 'DNS:localhost' } as unknown as PeerCertificate;
    expect(checkFull?.('localhost', forLocalhost)).toBeInstanceOf(Error);
    expect(postgresClientConfig({ ...base, host: 'localhost', sslmode: 'verify-full' }).ssl).toMatchObject({ checkServerIdentity: expect.any(Function) });
    const byName = postgresClientConfig({ ...base, host: 'localhost', sslmode: 'verify-full' }).ssl;
    expect(byName && typeof byName === 'object' ? byName.checkServerIdentity?.('localhost', forLocalhost) : 'no check').toBeUndefined();
    const ca = postgresClientConfig({ ...base, sslmode: 'verify-ca' }).ssl;
    expect(ca && typeof ca === 'object' && typeof ca.checkServerIdentity).toBe('function');
    expect(postgresClientConfig({ ...base, sslmode: 'require' }).ssl).toMatchObject({ rejectUnauthorized: false });
    expect(postgresClientConfig({ ...base, sslmode: 'disable' }).ssl).toBe(false);
  });
});

describe('backoff and errors in words', () => {
  it('grows exponentially with full jitter inside [base, cap], and starts over after a success', () => {
    const top = new Backoff(100, 5000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => top.next())).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    const bottom = new Backoff(100, 5000, () => 0);
    expect([1, 2, 3].map(() => bottom.next())).toEqual([100, 100, 100]);
    top.reset();
    expect(top.next()).toBe(100);
  });

  it('says what happened in words a technician can act on', () => {
    expect(errorInWords(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('head office unreachable: connection refused');
    expect(errorInWords(Object.assign(new Error('password authentication failed for user "b"'), { code: '28P01' }))).toMatch(/^head office refused the branch credentials/);
    expect(errorInWords(new Error('self-signed certificate in certificate chain'))).toMatch(/^TLS verification failed/);
  });

  it('tells a TLS verification failure (wrong CA, wrong name, expired) from a head office that speaks no TLS or demands it', () => {
    const failing = (code: string, message = code) => describeLinkError(Object.assign(new Error(message), { code }));
    expect(failing('SELF_SIGNED_CERT_IN_CHAIN')).toMatchObject({ reason: 'tls-verification', words: expect.stringMatching(/^TLS verification failed: .*not signed by the configured CA/) });
    expect(failing('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toMatchObject({ reason: 'tls-verification' });
    expect(failing('ERR_TLS_CERT_ALTNAME_INVALID')).toMatchObject({ reason: 'tls-verification', words: expect.stringMatching(/does not name the host/) });
    expect(failing('CERT_HAS_EXPIRED')).toMatchObject({ reason: 'tls-verification', words: expect.stringMatching(/clock/) });
    expect(describeLinkError(new Error('The server does not support SSL connections'))).toMatchObject({ reason: 'tls-unavailable' });
    expect(failing('28000', 'no pg_hba.conf entry for host "127.0.0.1", user "b", database "ho", no encryption')).toMatchObject({ reason: 'tls-required' });
    expect(failing('ERR_OSSL_PEM_NO_START_LINE')).toMatchObject({ reason: 'certificate-file' });
    expect(failing('42501', 'this head-office function is for branch roles only')).toMatchObject({ reason: 'not-a-branch' });
  });
});
