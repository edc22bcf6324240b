// The head-office link form as typed (flat strings), turned into the contract's draft and checked
// with the very schema the router applies: the form and the host never disagree.
import { HeadOfficeLinkDraft, type HeadOfficeLinkSaved, type SslMode } from '@shared/contract';

export type CertificateFrom = 'none' | 'file' | 'pem';
export type KeyFrom = CertificateFrom | 'stored';
export type PasswordFrom = 'none' | 'stored' | 'new';

export interface LinkFields {
  mode: HeadOfficeLinkDraft['mode'];
  host: string;
  port: string;
  database: string;
  user: string;
  sslmode: SslMode;
  caFrom: CertificateFrom;
  caPath: string;
  caPem: string;
  certFrom: CertificateFrom;
  certPath: string;
  certPem: string;
  keyFrom: KeyFrom;
  keyPath: string;
  keyPem: string;
  passwordFrom: PasswordFrom;
  password: string;
}

export type LinkField = keyof LinkFields;

const EMPTY: LinkFields = {
  mode: 'demo',
  host: '',
  port: '5432',
  database: '',
  user: '',
  // The safe default: a technician must choose to weaken it.
  sslmode: 'verify-full',
  caFrom: 'none',
  caPath: '',
  caPem: '',
  certFrom: 'none',
  certPath: '',
  certPem: '',
  keyFrom: 'none',
  keyPath: '',
  keyPem: '',
  passwordFrom: 'new',
  password: '',
};

/** The saved settings back into the form; secrets stay `stored`, never filled in. */
export function fieldsOf(saved: HeadOfficeLinkSaved): LinkFields {
  if (saved.mode !== 'configured') return { ...EMPTY, mode: saved.mode };
  const ca = saved.ca;
  const cert = saved.clientCertificate;
  const key = saved.clientKey;
  return {
    ...EMPTY,
    mode: 'configured',
    host: saved.host,
    port: String(saved.port),
    database: saved.database,
    user: saved.user,
    sslmode: saved.sslmode,
    caFrom: ca.source,
    caPath: ca.source === 'file' ? ca.path : '',
    caPem: ca.source === 'pem' ? ca.pem : '',
    certFrom: cert.source,
    certPath: cert.source === 'file' ? cert.path : '',
    certPem: cert.source === 'pem' ? cert.pem : '',
    keyFrom: key.source,
    keyPath: key.source === 'file' ? key.path : '',
    passwordFrom: saved.password.source,
  };
}

const certificate = (from: CertificateFrom, path: string, pem: string) =>
  from === 'file' ? { source: 'file', path: path.trim() } : from === 'pem' ? { source: 'pem', pem: pem.trim() } : { source: 'none' };

/** What the form would send; not yet checked. */
export function candidateOf(fields: LinkFields): Record<string, unknown> {
  if (fields.mode !== 'configured') return { mode: fields.mode };
  return {
    mode: 'configured',
    host: fields.host.trim(),
    port: Number(fields.port),
    database: fields.database.trim(),
    user: fields.user.trim(),
    sslmode: fields.sslmode,
    ca: certificate(fields.caFrom, fields.caPath, fields.caPem),
    clientCertificate: certificate(fields.certFrom, fields.certPath, fields.certPem),
    clientKey: fields.keyFrom === 'stored' ? { source: 'stored' } : certificate(fields.keyFrom, fields.keyPath, fields.keyPem),
    password: fields.passwordFrom === 'new' ? { source: 'new', value: fields.password } : { source: fields.passwordFrom },
  };
}

const FIELD_OF_PATH: Record<string, LinkField> = {
  host: 'host',
  port: 'port',
  database: 'database',
  user: 'user',
  sslmode: 'sslmode',
  ca: 'caFrom',
  'ca.path': 'caPath',
  'ca.pem': 'caPem',
  clientCertificate: 'certFrom',
  'clientCertificate.path': 'certPath',
  'clientCertificate.pem': 'certPem',
  clientKey: 'keyFrom',
  'clientKey.path': 'keyPath',
  'clientKey.pem': 'keyPem',
  password: 'passwordFrom',
  'password.value': 'password',
};

/** Contract paths back to form fields (for the host's INVALID_INPUT too). */
export const fieldOfPath = (path: string): LinkField | null => FIELD_OF_PATH[path] ?? null;

export type CheckedLink = { ok: true; draft: HeadOfficeLinkDraft } | { ok: false; invalid: Set<LinkField> };

export function checkLink(fields: LinkFields): CheckedLink {
  const result = HeadOfficeLinkDraft.safeParse(candidateOf(fields));
  if (result.success) return { ok: true, draft: result.data };
  const invalid = new Set<LinkField>();
  for (const issue of result.error.issues) {
    const field = fieldOfPath(issue.path.join('.'));
    if (field) invalid.add(field);
  }
  return { ok: false, invalid };
}
