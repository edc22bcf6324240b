import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadOfficeLinkDraft, LinkTestResult } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { addBranch } from '../../../electron/services/headoffice/branch-admin';
import { migrateHeadOffice } from '../../../electron/services/headoffice/migrate-head-office';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { giveToServer, startThrowawayCluster, type ThrowawayCluster } from '../../support/postgres';
import { makeTestCertificates, type TestCertificates } from '../../support/tls-certificates';
import { xorEncryptor } from '../../support/xor-encryptor';

/**
 * The TLS proof, on a PostgreSQL of its own with `ssl=on` and a certificate
 * issued by a CA made here with openssl. Its pg_hba accepts branches over TLS
 * only: a password (scram) on one head-office database, a client certificate
 * (`cert`) on the other. The certificate names `localhost` and nothing else.
 */
const PASSWORD_DB = 'ho_tls_pw';
const CERT_DB = 'ho_tls_cert';
const PASSWORD_ROLE = 'dj_tls_pw';
const CERT_ROLE = 'dj_tls_cert';
const PASSWORD = 'Tls-branch-pw-5c1e';

let certs: TestCertificates;
let cluster: ThrowawayCluster;
let fixture: CounterFixture;
let draft: Extract<HeadOfficeLinkDraft, { mode: 'configured' }>;
const answers: string[] = [];

const superuser = (database: string) => new pg.Client({ host: cluster.socketDir, port: cluster.port, user: 'postgres', database });

async function headOfficeIn(database: string, role: string, password: string | null): Promise<void> {
  const admin = superuser('postgres');
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  await migrateHeadOffice(new pg.Pool({ host: cluster.socketDir, port: cluster.port, user: 'postgres', database, max: 1 }));
  const staff = superuser(database);
  await staff.connect();
  await addBranch({ query: async (text, params) => ({ rows: (await staff.query(text, params)).rows }) }, { code: 'DJ-DEMO', name: 'Demo', role, password });
  await staff.end();
}

async function heldAtHeadOffice(database: string): Promise<number> {
  const staff = superuser(database);
  await staff.connect();
  try {
    return Number((await staff.query<{ n: string }>("SELECT count(*) AS n FROM ho.transfers WHERE branch_code = 'DJ-DEMO'")).rows[0]!.n);
  } finally {
    await staff.end();
  }
}

async function technician<T>(method: string, input: unknown): Promise<T> {
  const token = await fixture.signIn('ismail', '9012');
  const response = await fixture.call(method, input, token);
  answers.push(JSON.stringify(response));
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message} ${JSON.stringify(response.error.details)}`);
  return response.result as T;
}

/** Something to push: cash into the safe, one ledger operation. */
async function bookSomething(): Promise<void> {
  const supervisor = await fixture.signIn('hassan', '5678');
  await fixture.ok('safe.receiveCash', { operationId: uuid7(), amount: { minor: 10_000, currency: 'DJF' }, reference: `HO-${Date.now()}` }, supervisor);
}

async function syncedToTheEnd(): Promise<{ ackedSeq: number; localSeq: number }> {
  const supervisor = await fixture.signIn('hassan', '5678');
  return fixture.ok('replication.syncNow', {}, supervisor);
}

beforeAll(async () => {
  certs = makeTestCertificates(['localhost']);
  giveToServer(certs.serverKeyFile);
  cluster = await startThrowawayCluster({
    settings: { ssl: 'on', ssl_cert_file: certs.serverCertFile, ssl_key_file: certs.serverKeyFile, ssl_ca_file: certs.caFile },
    hba: [
      'local   all            all                trust',
      `hostssl ${CERT_DB}     all  127.0.0.1/32  cert`,
      'hostssl all            all  127.0.0.1/32  scram-sha-256',
      '',
    ].join('\n'),
  });
  await headOfficeIn(PASSWORD_DB, PASSWORD_ROLE, PASSWORD);
  await headOfficeIn(CERT_DB, CERT_ROLE, null);
  draft = {
    mode: 'configured',
    host: 'localhost',
    port: cluster.port,
    database: PASSWORD_DB,
    user: PASSWORD_ROLE,
    sslmode: 'verify-full',
    ca: { source: 'file', path: certs.caFile },
    clientCertificate: { source: 'none' },
    clientKey: { source: 'none' },
    password: { source: 'new', value: PASSWORD },
  };
  fixture = await startCounter({ secretEncryptor: xorEncryptor, replicationStartDelayMs: 0 });
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  certs?.remove();
}, 60_000);

describe('verify-full against a head office with its own CA', () => {
  it('connects with the right CA and the name in the certificate, and pushes', async () => {
    const tested = await technician<LinkTestResult>('replication.testConnection', draft);
    expect(tested).toMatchObject({ ok: true, outcome: 'connected', tls: expect.stringMatching(/^TLSv1\.[23]$/) });

    await technician('replication.saveSettings', draft);
    await bookSomething();
    const synced = await syncedToTheEnd();
    expect(synced.localSeq).toBeGreaterThan(0);
    expect(synced).toMatchObject({ state: 'online', ackedSeq: synced.localSeq, unsynced: 0 });
    expect(await heldAtHeadOffice(PASSWORD_DB)).toBe(synced.localSeq);
  });

  it('refuses a server its CA did not sign: "TLS verification failed" in the test answer and in the link status', async () => {
    const wrongCa = { ...draft, ca: { source: 'file' as const, path: certs.wrongCaFile } };
    const tested = await technician<LinkTestResult>('replication.testConnection', wrongCa);
    expect(tested).toMatchObject({ ok: false, outcome: 'tls-verification' });
    expect(tested.message).toMatch(/^TLS verification failed: the head-office certificate is not signed by the configured CA/);

    await technician('replication.saveSettings', wrongCa);
    await bookSomething();
    await syncedToTheEnd();
    const tech = await fixture.signIn('ismail', '9012');
    const link = await fixture.ok('replication.link', {}, tech);
    expect(link.unsynced).toBeGreaterThan(0);
    expect(link).toMatchObject({ state: 'offline', connection: { sslmode: 'verify-full', secretProtection: 'os' } });
    expect(link.lastError).toMatch(/^TLS verification failed/);
    expect(link.recentErrors[0]!.message).toMatch(/^TLS verification failed/);
    expect(fixture.counter.status().headOffice.lastError).toMatch(/^TLS verification failed/);
  });

  it('refuses a host name the certificate does not carry; verify-ca, which checks only the chain, lets it through', async () => {
    const byAddress = { ...draft, host: '127.0.0.1' };
    const full = await technician<LinkTestResult>('replication.testConnection', byAddress);
    expect(full).toMatchObject({ ok: false, outcome: 'tls-verification' });
    expect(full.message).toMatch(/^TLS verification failed: the head-office certificate does not name the host/);
    expect(await technician<LinkTestResult>('replication.testConnection', { ...byAddress, sslmode: 'verify-ca' })).toMatchObject({ ok: true });
  });

  it('says plainly when head office accepts this branch only over TLS', async () => {
    const plain = await technician<LinkTestResult>('replication.testConnection', { ...draft, sslmode: 'disable', ca: { source: 'none' } });
    expect(plain).toMatchObject({ ok: false, outcome: 'tls-required' });
  });

  it('authenticates the branch by client certificate (pasted PEM, key sealed in the secret store) and pushes what waited', async () => {
    const client = certs.client(CERT_ROLE);
    const keyPem = certs.read(client.keyFile);
    const byCertificate: HeadOfficeLinkDraft = {
      ...draft,
      database: CERT_DB,
      user: CERT_ROLE,
      ca: { source: 'pem', pem: certs.read(certs.caFile) },
      clientCertificate: { source: 'pem', pem: certs.read(client.certFile) },
      clientKey: { source: 'pem', pem: keyPem },
      password: { source: 'none' },
    };
    expect(await technician<LinkTestResult>('replication.testConnection', byCertificate)).toMatchObject({ ok: true, outcome: 'connected' });
    // The certificate of another role: head office refuses it (its name is not the role's).
    const stranger = certs.client('someone_else');
    const wrongName = { ...byCertificate, clientCertificate: { source: 'pem' as const, pem: certs.read(stranger.certFile) }, clientKey: { source: 'pem' as const, pem: certs.read(stranger.keyFile) } };
    expect(await technician<LinkTestResult>('replication.testConnection', wrongName)).toMatchObject({ ok: false, outcome: 'authentication' });

    const saved = await technician<{ settings: unknown }>('replication.saveSettings', byCertificate);
    expect(saved.settings).toMatchObject({ clientKey: { source: 'stored' }, password: { source: 'none' }, clientCertificate: { source: 'pem' } });
    const synced = await syncedToTheEnd();
    expect(synced).toMatchObject({ state: 'online', ackedSeq: synced.localSeq, unsynced: 0 });
    expect(await heldAtHeadOffice(CERT_DB)).toBe(synced.localSeq);

    // The key is a secret like the password: sealed, never answered, never in the settings file.
    const dataFiles = readdirSync(fixture.dataDir).filter((name) => name.endsWith('.json')).map((name) => readFileSync(join(fixture.dataDir, name), 'utf8'));
    const keyBody = keyPem.split('\n')[1]!;
    for (const text of [...answers, ...dataFiles]) {
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(PASSWORD);
    }
    expect(readFileSync(join(fixture.dataDir, 'head-office.json'), 'utf8')).toContain('BEGIN CERTIFICATE');
  });
});
