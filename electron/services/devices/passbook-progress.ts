// What a passbook print tells the window while it runs ("insert the passbook open at page 3")
// and what it gives back: the cursor through the last line confirmed on paper, which the savings
// module stores. The cursor never runs ahead of the paper: a line counts once the printer, asked
// after it, still holds the passbook without error.
import type { PassbookCursor } from './protocols/passbook/passbook-line';

/**
 * How a print ended. `complete`: every line is on paper. `book-full`: the lines that fit are, the
 * rest wait for a new passbook. The others stopped early, every confirmed line counted:
 * `removed` (taken out mid-print), `not-inserted` (nobody inserted it in time), `printer-error`
 * (cover open, jam), `offline` (unplugged, switched off), `no-answer` (the printer does not answer
 * status requests, or the link cannot carry answers), `cancelled` (the clerk gave up).
 */
export type PassbookOutcome = 'complete' | 'book-full' | 'removed' | 'not-inserted' | 'printer-error' | 'offline' | 'no-answer' | 'cancelled';

export interface PassbookPrintResult {
  /** The passbook's cursor after the last line confirmed printed: store it, whatever the outcome. */
  printedThrough: PassbookCursor;
  /** Lines confirmed printed by this call. */
  printed: number;
  outcome: PassbookOutcome;
  /** The printer's or the device's own words for a stop, for the technician; empty when complete. */
  detail: string;
}

/**
 * `insert`: put the passbook in, open at `page`. `turn-page`: the last page is full and came out;
 * turn to `page` and put it back. `printing`: lines going onto `page`. `finished`: see `outcome`.
 */
export interface PassbookProgress {
  state: 'insert' | 'turn-page' | 'printing' | 'finished';
  page: number;
  printedThrough: PassbookCursor;
  outcome: PassbookOutcome | null;
  /** A reprint of lines already in the passbook (the window says so). */
  reprint: boolean;
}
