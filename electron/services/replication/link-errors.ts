import type { PushAnswer } from '../headoffice/head-office-api';

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
    case 'malformed':
      return `head office refused a malformed batch: ${answer.detail ?? ''}`.trim();
    default:
      return `head office refused the batch (${answer.status})`;
  }
}

/** Any failure, in words a clerk or technician can act on. */
export function errorInWords(error: unknown): string {
  if (error instanceof HeadOfficeRefusal) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return 'head office unreachable: connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'head office unreachable: its name does not resolve';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'head office did not answer in time';
  if (code === 'ECONNRESET' || /Connection terminated|connection.*(closed|ended)/i.test(message)) return 'the link to head office broke during the exchange (it will be resent)';
  if (code === '28P01' || code === '28000' || /authentication/i.test(message)) return 'head office refused the branch credentials';
  if (/certificate|self[- ]signed|SSL|TLS/i.test(message)) return `secure connection to head office refused: ${message}`;
  if (code === '42501') return `head office refused the branch role: ${message}`;
  return message;
}
