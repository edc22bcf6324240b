// Where each line goes: pages × lines per page, from the passbook's cursor, with a "turn the
// page" step whenever a page is full. Pure: the device prints the plan, tests check it.
// A page's line slots, top to bottom: the top margin, the lines above the fold, the fold (never
// printed on: the head would strike the crease), the lines below it.
import type { PassbookLayoutConfig } from '../../config';
import { passbookLineProblem, type PassbookCursor, type PassbookLine } from './passbook-line';

export interface PlacedLine {
  page: number;
  /** Line number on the page, from 1. */
  line: number;
  /** Vertical slot from the page's top edge, from 0: margin and fold counted. */
  slot: number;
  /** Position in the lines handed in. */
  index: number;
  entry: PassbookLine;
}

export type PassbookStep = { kind: 'print-page'; page: number; lines: PlacedLine[] } | { kind: 'turn-page'; toPage: number };

export interface PassbookPlan {
  steps: PassbookStep[];
  /** The cursor once every placed line is printed. */
  cursor: PassbookCursor;
  /** Lines that did not fit: the passbook is full and must be replaced by a new one. */
  unplaced: PassbookLine[];
}

/** The slot a line number sits at on its page. */
export function lineSlot(line: number, layout: PassbookLayoutConfig): number {
  const belowFold = layout.foldAfterLine > 0 && line > layout.foldAfterLine;
  return layout.topMarginLines + (line - 1) + (belowFold ? layout.foldSkipLines : 0);
}

/** Every slot the printer may move the paper through: the document length PR2 printers want declared. */
export const pageSlots = (layout: PassbookLayoutConfig): number => lineSlot(layout.linesPerPage, layout) + 1;

/** The cursor after a printed line: the next line, or the first line of the next page. */
export function cursorAfter(printed: { page: number; line: number }, layout: PassbookLayoutConfig): PassbookCursor {
  return printed.line >= layout.linesPerPage ? { page: printed.page + 1, line: 1 } : { page: printed.page, line: printed.line + 1 };
}

/** True once the cursor has left the last page: nothing more goes in this passbook. */
export const passbookFull = (cursor: PassbookCursor, layout: PassbookLayoutConfig): boolean => cursor.page > layout.pages;

/** A cursor the layout cannot have produced is a bug upstream, not something to print around. */
export function checkCursor(cursor: PassbookCursor, layout: PassbookLayoutConfig): void {
  const ok =
    Number.isInteger(cursor.page) &&
    Number.isInteger(cursor.line) &&
    cursor.page >= 1 &&
    cursor.line >= 1 &&
    cursor.line <= layout.linesPerPage &&
    (cursor.page <= layout.pages || (cursor.page === layout.pages + 1 && cursor.line === 1));
  if (!ok) throw new RangeError(`passbook cursor page ${cursor.page} line ${cursor.line} is outside this passbook (${layout.pages} pages of ${layout.linesPerPage} lines)`);
}

/** Places `lines` from `cursor`, one after the other, turning the page when one is full. */
export function planPassbook(lines: readonly PassbookLine[], cursor: PassbookCursor, layout: PassbookLayoutConfig): PassbookPlan {
  checkCursor(cursor, layout);
  lines.forEach((entry, index) => {
    const problem = passbookLineProblem(entry);
    if (problem) throw new RangeError(`passbook line ${index + 1}: ${problem}`);
  });
  const steps: PassbookStep[] = [];
  let at = cursor;
  let page: Extract<PassbookStep, { kind: 'print-page' }> | null = null;
  let index = 0;
  for (; index < lines.length && !passbookFull(at, layout); index++) {
    if (!page || page.page !== at.page) {
      if (page) steps.push({ kind: 'turn-page', toPage: at.page });
      page = { kind: 'print-page', page: at.page, lines: [] };
      steps.push(page);
    }
    const entry = lines[index] as PassbookLine;
    page.lines.push({ page: at.page, line: at.line, slot: lineSlot(at.line, layout), index, entry });
    at = cursorAfter(at, layout);
  }
  return { steps, cursor: at, unplaced: lines.slice(index) };
}
