// What a passbook printer answers about itself, framed and read. A passbook printer is asked
// (polled) whether a passbook is in, and asked again after every line: the answer comes after the
// line in the printer's order of work, so "still in, no error" confirms the line went on paper.
//
// Olivetti PR2 (Compuprint MDP40B Programmer Manual, appendix C "Olivetti mode": ESC sp B "request
// for document status" answered by the synchronous document status ESC B id m ESC Z, id 5 for the
// front paper stand, m one byte for where the document is; Olivetti PR45 SFP emulation guide:
// ESC j "status request" answered by ESC r x "printer status"). Neither source gives the values
// of m or the bits of x: they are configurable (PassbookStatusCodes), defaults ours.
// Epson ESC/P (PLQ-20/22/30 in ESC/P mode): no public source gives the passbook status query, so
// its request and bits are configurable too; the default (ENQ answered by one status byte) is the
// convention our simulator speaks, to be matched to the model on the counter.
import type { PassbookStatusCodes } from '../../config';

export interface PassbookStatus {
  /** A passbook is in the printer (inserted and taken in). */
  present: boolean;
  coverOpen: boolean;
  error: boolean;
  /** Why the printer cannot print now, in words for the clerk; empty when it can (an empty slot is not a fault). */
  problem: string;
}

const ESC = 0x1b;
const r = 0x72;
const B = 0x42;
const Z = 0x5a;

export const PR2_PRINTER_STATUS_REQUEST = Uint8Array.of(ESC, 0x6a); // ESC j
export const PR2_DOCUMENT_STATUS_REQUEST = Uint8Array.of(ESC, 0x20, B); // ESC sp B
/** Both questions at once: one answer tells presence, the other cover and errors. */
export const PR2_STATUS_REQUEST = Uint8Array.from([...PR2_PRINTER_STATUS_REQUEST, ...PR2_DOCUMENT_STATUS_REQUEST]);
/** Front paper stand, as a digit or as a byte (the manual writes "id = 5"). */
const FRONT_STAND = [0x35, 0x05];

export type Pr2Reply = { kind: 'printer'; x: number } | { kind: 'document'; id: number; m: number };

/**
 * The PR2 framer: `ESC r x` (3 bytes) and `ESC B id m ESC Z` (6 bytes) among whatever else the
 * line carries. Bytes before an ESC are noise; an incomplete reply at the end waits for more.
 */
export function pr2Replies(received: readonly number[]): { replies: Pr2Reply[]; rest: number } {
  const replies: Pr2Reply[] = [];
  let at = 0;
  while (at < received.length) {
    if (received[at] !== ESC) {
      at += 1;
      continue;
    }
    const kind = received[at + 1];
    if (kind === undefined) break;
    if (kind === r) {
      const x = received[at + 2];
      if (x === undefined) break;
      replies.push({ kind: 'printer', x });
      at += 3;
      continue;
    }
    if (kind === B) {
      if (received.length < at + 6) break;
      const [id = 0, m = 0, esc, z] = received.slice(at + 2, at + 6);
      if (esc === ESC && z === Z) {
        replies.push({ kind: 'document', id, m });
        at += 6;
        continue;
      }
    }
    at += 1;
  }
  return { replies, rest: at };
}

const withProblem = (flags: Omit<PassbookStatus, 'problem'>): PassbookStatus => ({
  ...flags,
  problem: flags.coverOpen ? 'passbook printer cover open' : flags.error ? 'passbook printer in error: clear it on its panel' : '',
});

/** The PR2 answer to ESC j ESC sp B once both replies are in; null until then. The latest of each counts. */
export function readPr2Status(received: readonly number[], codes: PassbookStatusCodes): PassbookStatus | null {
  const { replies } = pr2Replies(received);
  const printer = replies.filter((reply) => reply.kind === 'printer').at(-1);
  const document = replies.filter((reply): reply is Extract<Pr2Reply, { kind: 'document' }> => reply.kind === 'document' && FRONT_STAND.includes(reply.id)).at(-1);
  if (!printer || !document) return null;
  return withProblem({
    present: codes.pr2DocumentPresent.includes(document.m),
    coverOpen: (printer.x & codes.coverOpenMask) !== 0,
    error: (printer.x & codes.errorMask) !== 0,
  });
}

/** The ESC/P status byte (the last one received). */
export function readEscpStatus(received: readonly number[], codes: PassbookStatusCodes): PassbookStatus | null {
  const byte = received.at(-1);
  if (byte === undefined) return null;
  return withProblem({ present: (byte & codes.escpPresentMask) !== 0, coverOpen: (byte & codes.coverOpenMask) !== 0, error: (byte & codes.errorMask) !== 0 });
}

export interface PassbookCondition {
  present: boolean;
  coverOpen: boolean;
  error: boolean;
}

/** What a PR2 printer in this condition answers to ESC j (the simulator). `@` with no bit set is "all well". */
export const pr2PrinterAnswer = (condition: PassbookCondition, codes: PassbookStatusCodes): Buffer =>
  Buffer.of(ESC, r, 0x40 | (condition.coverOpen ? codes.coverOpenMask : 0) | (condition.error ? codes.errorMask : 0));

/** What a PR2 printer answers to ESC sp B: `0` for an empty stand (not among the present codes), else the first present code. */
export const pr2DocumentAnswer = (condition: PassbookCondition, codes: PassbookStatusCodes): Buffer =>
  Buffer.of(ESC, B, 0x35, condition.present ? (codes.pr2DocumentPresent[0] ?? 0x31) : 0x30, ESC, Z);

export const escpStatusAnswer = (condition: PassbookCondition, codes: PassbookStatusCodes): Buffer =>
  Buffer.of((condition.present ? codes.escpPresentMask : 0) | (condition.coverOpen ? codes.coverOpenMask : 0) | (condition.error ? codes.errorMask : 0));
