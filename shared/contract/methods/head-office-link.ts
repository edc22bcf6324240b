import { z } from 'zod';
import { defineMethod } from '../define';
import { code, note, secret } from '../text';
import { Empty } from './common';

/**
 * The technician's head-office link settings: what the settings screen reads,
 * saves and tests. Only technicians: these say where the branch's ledger goes.
 * Secrets travel one way only — a new password or client key goes in, and
 * answers only ever say whether one is stored.
 */
const TECHNICIAN = ['technician'] as const;

/** libpq's names; only `verify-full` also checks that the certificate names the host. */
export const SslMode = z.enum(['disable', 'require', 'verify-ca', 'verify-full']);
export type SslMode = z.infer<typeof SslMode>;

const isHostOrAddress = (host: string) => z.regexes.hostname.test(host) || z.regexes.ipv6.test(host);
/** A DNS name or an IP address: no scheme, no port, no spaces (a typo caught before anything is saved). */
export const HeadOfficeHost = code(253).min(1).refine(isHostOrAddress, 'a host name or an IP address, without scheme or port');

/** PostgreSQL identifiers as head office hands them out (database, branch role). */
const PgName = code(63).min(1);
/** A path on this PC; relative paths would depend on where the app was started from. */
const AbsolutePath = code(1024).min(1).regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'an absolute path');
/** Pasted PEM text (certificate or key); 64 KB covers any chain a head office would hand out. */
const PemText = note(65_536).regex(/^-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----$/, 'PEM text (-----BEGIN … -----END …)');

/** A certificate: none, a file on this PC, or PEM text kept with the settings (certificates are public). */
export const CertificateSource = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('none') }),
  z.strictObject({ source: z.literal('file'), path: AbsolutePath }),
  z.strictObject({ source: z.literal('pem'), pem: PemText }),
]);
export type CertificateSource = z.infer<typeof CertificateSource>;

/** The client key as it can come in: pasted PEM goes to the secret store; `stored` keeps the one there. */
export const ClientKeyInput = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('none') }),
  z.strictObject({ source: z.literal('file'), path: AbsolutePath }),
  z.strictObject({ source: z.literal('pem'), pem: PemText }),
  z.strictObject({ source: z.literal('stored') }),
]);
/** The client key as an answer shows it: never the key itself. */
export const ClientKeyView = z.discriminatedUnion('source', [
  z.object({ source: z.literal('none') }),
  z.object({ source: z.literal('file'), path: z.string() }),
  z.object({ source: z.literal('stored') }),
]);

/** The password as it can come in: `new` replaces, `stored` keeps, `none` removes. */
export const PasswordInput = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('none') }),
  z.strictObject({ source: z.literal('stored') }),
  z.strictObject({ source: z.literal('new'), value: secret(1024).min(1) }),
]);
/** The password as an answer shows it: whether one is stored, nothing more. */
export const PasswordView = z.object({ source: z.enum(['none', 'stored']) });

const bothOrNeither = (link: { clientCertificate: { source: string }; clientKey: { source: string } }) =>
  (link.clientCertificate.source === 'none') === (link.clientKey.source === 'none');
const CERTIFICATE_PAIR = { message: 'a client certificate needs its key, and a key its certificate', path: ['clientKey'] };

/** One shape for the form, the save and the test; answers use the same with secrets replaced by `stored`. */
const linkFields = {
  mode: z.literal('configured'),
  host: HeadOfficeHost,
  port: z.number().int().min(1).max(65_535),
  database: PgName,
  user: PgName,
  sslmode: SslMode,
  ca: CertificateSource,
  clientCertificate: CertificateSource,
};
const ConfiguredDraft = z.strictObject({ ...linkFields, clientKey: ClientKeyInput, password: PasswordInput }).refine(bothOrNeither, CERTIFICATE_PAIR);
const ConfiguredSaved = z.strictObject({ ...linkFields, clientKey: ClientKeyView, password: PasswordView }).refine(bothOrNeither, CERTIFICATE_PAIR);

const NoHeadOffice = z.strictObject({ mode: z.literal('none') });
/** PGlite inside the app: for training and demos, never durable. */
const DemoHeadOffice = z.strictObject({ mode: z.literal('demo') });

export const HeadOfficeLinkDraft = z.discriminatedUnion('mode', [NoHeadOffice, DemoHeadOffice, ConfiguredDraft]);
export type HeadOfficeLinkDraft = z.infer<typeof HeadOfficeLinkDraft>;

export const HeadOfficeLinkSaved = z.discriminatedUnion('mode', [NoHeadOffice, DemoHeadOffice, ConfiguredSaved]);
export type HeadOfficeLinkSaved = z.infer<typeof HeadOfficeLinkSaved>;

export const HeadOfficeSettingsView = z.object({
  settings: HeadOfficeLinkSaved,
  /** Where the running settings came from: saved by a technician, the program's start options, or nothing (demo). */
  source: z.enum(['saved', 'startup', 'default']),
  /** `none`: this PC offers no OS protection, secrets sit unencrypted in `secretFile` (owner-only permissions). */
  secretProtection: z.enum(['os', 'none']),
  secretFile: z.string(),
});
export type HeadOfficeSettingsView = z.infer<typeof HeadOfficeSettingsView>;

/** Why a link test failed, as a code the screen translates; `message` has the details in English. */
export const LinkFailureReason = z.enum([
  'refused',
  'unresolved',
  'timeout',
  'broken',
  'tls-verification',
  'tls-unavailable',
  'tls-required',
  'authentication',
  'not-head-office',
  'not-a-branch',
  'certificate-file',
  'other',
]);
export type LinkFailureReason = z.infer<typeof LinkFailureReason>;

export const LinkTestResult = z.object({
  ok: z.boolean(),
  /** `demo` and `none` have nothing to reach over the network. */
  outcome: z.union([z.enum(['connected', 'demo', 'none']), LinkFailureReason]),
  message: z.string(),
  elapsedMs: z.number().int().nonnegative(),
  /** What head office holds for this branch (from the harmless `link_state` call). */
  headOfficeSeq: z.number().int().nonnegative().nullable(),
  /** The TLS protocol the session used (null without TLS). */
  tls: z.string().nullable(),
});
export type LinkTestResult = z.infer<typeof LinkTestResult>;

export const headOfficeLinkMethods = {
  'replication.settings': defineMethod({ input: Empty, output: HeadOfficeSettingsView, access: TECHNICIAN }),
  /** Saves, then restarts the replication job on the new link (no app restart). Nothing is saved when a check fails. */
  'replication.saveSettings': defineMethod({ input: HeadOfficeLinkDraft, output: HeadOfficeSettingsView, access: TECHNICIAN }),
  /** Connects with the draft (saved secrets where it says `stored`), runs a harmless head-office call, saves nothing. */
  'replication.testConnection': defineMethod({ input: HeadOfficeLinkDraft, output: LinkTestResult, access: TECHNICIAN }),
};
