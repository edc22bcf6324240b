import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ContractError, type CertificateSource, type HeadOfficeLinkDraft, type HeadOfficeLinkSaved } from '@shared/contract';
import type { PostgresLinkSettings } from '../headoffice/postgres-connection';
import type { HeadOfficeSettings } from './head-office-settings';
import { HEAD_OFFICE_CLIENT_KEY, HEAD_OFFICE_PASSWORD, type SecretStore } from './secret-store';

/** What a secret becomes when a draft is saved. */
export type SecretChange = { action: 'keep' } | { action: 'set'; value: string } | { action: 'remove' };

/**
 * A technician's draft, checked and resolved: the settings file it becomes,
 * the secrets to connect with, and what saving would change in the secret store.
 */
export interface ResolvedLink {
  settings: HeadOfficeSettings;
  /** For a connection (test or job); null for demo/none. */
  connection: PostgresLinkSettings | null;
  password: SecretChange;
  clientKey: SecretChange;
}

interface Issue {
  path: string;
  message: string;
  code: 'custom';
}

/**
 * Checks what zod cannot (files exist, PEM parses, certificate and key belong
 * together, a `stored` secret really is stored) and refuses the whole draft
 * with INVALID_INPUT naming the fields, like the router does: nothing half-saved.
 */
export function resolveLinkDraft(draft: HeadOfficeLinkDraft, secrets: SecretStore): ResolvedLink {
  if (draft.mode !== 'configured') return { settings: { mode: draft.mode }, connection: null, password: { action: 'keep' }, clientKey: { action: 'keep' } };
  const issues: Issue[] = [];
  const problem = (path: string, message: string) => issues.push({ path, message, code: 'custom' });

  certificateText(draft.ca, 'ca', problem);
  const cert = certificateText(draft.clientCertificate, 'clientCertificate', problem);
  const storedKey = secrets.read(HEAD_OFFICE_CLIENT_KEY);
  const keyText = (() => {
    const key = draft.clientKey;
    if (key.source === 'none') return null;
    if (key.source === 'stored') {
      if (storedKey === null) problem('clientKey', 'no client key is stored: paste it or give its file');
      return storedKey;
    }
    return key.source === 'pem' ? key.pem : readText(key.path, 'clientKey.path', problem);
  })();
  const key = keyText === null ? null : parseKey(keyText, draft.clientKey.source === 'file' ? 'clientKey.path' : 'clientKey', problem);
  if (cert?.x509 && key && !cert.x509.checkPrivateKey(key)) problem('clientKey', 'this key does not belong to the client certificate');

  const storedPassword = secrets.read(HEAD_OFFICE_PASSWORD);
  if (draft.password.source === 'stored' && storedPassword === null) problem('password', 'no password is stored: type it');
  if (issues.length > 0) throw new ContractError('INVALID_INPUT', 'the head-office settings do not hold together', { issues });

  const settings: HeadOfficeSettings = {
    mode: 'configured',
    host: draft.host,
    port: draft.port,
    database: draft.database,
    user: draft.user,
    sslmode: draft.sslmode,
    caFile: draft.ca.source === 'file' ? draft.ca.path : null,
    caPem: draft.ca.source === 'pem' ? draft.ca.pem : null,
    certFile: draft.clientCertificate.source === 'file' ? draft.clientCertificate.path : null,
    certPem: draft.clientCertificate.source === 'pem' ? draft.clientCertificate.pem : null,
    keyFile: draft.clientKey.source === 'file' ? draft.clientKey.path : null,
  };
  const password = draft.password.source === 'new' ? draft.password.value : draft.password.source === 'stored' ? storedPassword : null;
  return {
    settings,
    connection: { ...settings, password, keyPem: draft.clientKey.source === 'file' ? null : keyText },
    password: draft.password.source === 'new' ? { action: 'set', value: draft.password.value } : draft.password.source === 'none' ? { action: 'remove' } : { action: 'keep' },
    // One source for the key: a file or a pasted key replaces the stored one; none removes it.
    clientKey: draft.clientKey.source === 'pem' ? { action: 'set', value: draft.clientKey.pem } : draft.clientKey.source === 'stored' ? { action: 'keep' } : { action: 'remove' },
  };
}

/** Saved settings as the screen shows them: secrets only as `stored`. */
export function savedLinkView(settings: HeadOfficeSettings, secrets: SecretStore): HeadOfficeLinkSaved {
  if (settings.mode !== 'configured') return { mode: settings.mode };
  const certificate = (file: string | null, pem: string | null | undefined): CertificateSource =>
    pem ? { source: 'pem', pem } : file ? { source: 'file', path: file } : { source: 'none' };
  return {
    mode: 'configured',
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    sslmode: settings.sslmode,
    ca: certificate(settings.caFile, settings.caPem),
    clientCertificate: certificate(settings.certFile, settings.certPem),
    clientKey: settings.keyFile
      ? { source: 'file', path: settings.keyFile }
      : secrets.read(HEAD_OFFICE_CLIENT_KEY) !== null
        ? { source: 'stored' }
        : { source: 'none' },
    password: { source: secrets.read(HEAD_OFFICE_PASSWORD) !== null ? 'stored' : 'none' },
  };
}

/** Writes what a save changes in the secret store (before the settings file, which names no secret). */
export function applySecretChanges(link: ResolvedLink, secrets: SecretStore): void {
  const apply = (name: string, change: SecretChange) => {
    if (change.action === 'set') secrets.write(name, change.value);
    if (change.action === 'remove' && secrets.read(name) !== null) secrets.remove(name);
  };
  apply(HEAD_OFFICE_PASSWORD, link.password);
  apply(HEAD_OFFICE_CLIENT_KEY, link.clientKey);
}

type Problem = (path: string, message: string) => void;

function readText(path: string, field: string, problem: Problem): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    problem(field, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return null;
  }
}

function certificateText(source: CertificateSource, field: string, problem: Problem): { x509: X509Certificate | null } | null {
  if (source.source === 'none') return null;
  const text = source.source === 'pem' ? source.pem : readText(source.path, `${field}.path`, problem);
  if (text === null) return { x509: null };
  try {
    return { x509: new X509Certificate(text) };
  } catch {
    problem(source.source === 'pem' ? `${field}.pem` : `${field}.path`, 'not a PEM certificate');
    return { x509: null };
  }
}

function parseKey(text: string, field: string, problem: Problem): KeyObject | null {
  try {
    return createPrivateKey(text);
  } catch {
    // An encrypted key would need its passphrase on every start; head office issues branch keys unencrypted.
    problem(field === 'clientKey' ? 'clientKey.pem' : field, 'not an unencrypted PEM private key');
    return null;
  }
}
