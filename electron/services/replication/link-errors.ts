import type { LinkFailureReason } from '@shared/contract';
import { missingCaseError } from '@shared/missing-case';
import { HeadOfficeBusy, UnreadableAnswer, type PushAnswer } from '../headoffice/head-office-api';

/** Head office answered, and the answer needs a person: the job keeps trying, slowly. */
export class HeadOfficeRefusal extends Error {
  constructor(readonly answer: PushAnswer) {
    super(refusalInWords(answer));
    this.name = 'HeadOfficeRefusal';
  }
}

function refusalInWords(answer: PushAnswer): string {
  switch (answer.status) {
    case 'conflict':
      return `head office holds different transfers for some sequence numbers (quarantined there): call head office. ${answer.detail ?? ''}`.trim();
    case 'diverged':
      return `this branch's ledger no longer continues the one head office holds: call head office. ${answer.detail ?? ''}`.trim();
    case 'tampered':
      return `head office found transfers that do not match their hash: call head office. ${answer.detail ?? ''}`.trim();
    case 'unsigned':
    case 'forged':
      return `head office refused transfers the branch journal key did not sign: the ledger file was changed outside the counter, call head office. ${answer.detail ?? ''}`.trim();
    case 'malformed':
      return `head office refused a malformed batch: ${answer.detail ?? ''}`.trim();
    case 'ok':
    case 'gap':
      return `head office refused the batch (${answer.status})`;
    default:
      throw missingCaseError(answer.status);
  }
}

/** Any failure, in words a clerk or technician can act on. */
export function errorInWords(error: unknown): string {
  return describeLinkError(error).words;
}

export interface LinkErrorDescription {
  /** What kind of failure, for the settings screen to translate; `words` keeps the detail. */
  reason: LinkFailureReason | 'head-office-refusal';
  words: string;
}

/** Node's codes for a server certificate it would not trust (chain) or that names another host. */
const UNTRUSTED_CHAIN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);
const OUT_OF_DATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** The same failure with its kind: the link status shows the words, the test answer both. */
export function describeLinkError(error: unknown): LinkErrorDescription {
  if (error instanceof HeadOfficeRefusal) return { reason: 'head-office-refusal', words: error.message };
  if (error instanceof UnreadableAnswer) return { reason: 'broken', words: error.message };
  if (error instanceof HeadOfficeBusy) return { reason: 'other', words: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const rawCode = (error as { code?: unknown } | null)?.code;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const tls = (detail: string) => ({ reason: 'tls-verification' as const, words: `TLS verification failed: ${detail} (${message})` });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return tls('the head-office certificate does not name the host this link uses');
  if (UNTRUSTED_CHAIN.has(code)) return tls('the head-office certificate is not signed by the configured CA');
  if (OUT_OF_DATE.has(code)) return tls('the head-office certificate is expired or not yet valid (check this PC’s clock)');
  if (code === 'ENOENT' || code === 'EACCES' || code.startsWith('ERR_OSSL')) {
    return { reason: 'certificate-file', words: `a certificate or key of this link cannot be used: ${message}` };
  }
  if (code === 'ECONNREFUSED') return { reason: 'refused', words: 'head office unreachable: connection refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'unresolved', words: 'head office unreachable: its name does not resolve' };
  if (code === '57014' && /statement timeout/i.test(message)) {
    return { reason: 'timeout', words: 'head office did not answer in time: the batch took longer than the link allows (it is resent in smaller batches)' };
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return { reason: 'timeout', words: 'head office did not answer in time' };
  if (/does not support SSL/i.test(message)) {
    return { reason: 'tls-unavailable', words: 'head office does not offer TLS on this port: ask head office (sslmode disable only on a network you trust)' };
  }
  if (code === '28000' && /no encryption/i.test(message)) {
    return { reason: 'tls-required', words: `head office accepts this branch only over TLS: choose verify-full (${message})` };
  }
  if (code === 'ECONNRESET' || /Connection terminated|connection.*(closed|ended)/i.test(message)) {
    return { reason: 'broken', words: 'the link to head office broke during the exchange (it will be resent)' };
  }
  if (code === '28P01' || code === '28000' || /authentication/i.test(message)) {
    return { reason: 'authentication', words: `head office refused the branch credentials (${message})` };
  }
  if (/certificate|self[- ]signed|SSL|TLS/i.test(message)) return { reason: 'tls-verification', words: `TLS verification failed: ${message}` };
  if (code === '3D000' || code === '3F000' || code === '42883') {
    return { reason: 'not-head-office', words: `this database is not a head office (or not migrated): ${message}` };
  }
  if (code === '42501') return { reason: 'not-a-branch', words: `head office refused the branch role: ${message}` };
  return { reason: 'other', words: message };
}
