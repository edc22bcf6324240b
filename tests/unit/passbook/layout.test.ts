// The passbook layout: where each line goes, when a page turns, what the cursor becomes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PassbookLayoutConfig } from '@shared/devices/device-config';
import { cursorAfter, lineSlot, planPassbook, type PlacedLine } from '../../../electron/services/devices/protocols/passbook/layout';
import { passbookAmount, passbookFields, passbookRow, passbookText, type PassbookLine } from '../../../electron/services/devices/protocols/passbook/passbook-line';

const layout = PassbookLayoutConfig.parse({ pages: 3, linesPerPage: 6, topMarginLines: 2, foldAfterLine: 3, foldSkipLines: 2 });
const djf = (minor: number) => ({ minor, currency: 'DJF' });
const deposit = (n: number): PassbookLine => ({ date: '2026-03-0' + ((n % 9) + 1), label: `Depot ${n}`, debit: null, credit: djf(1000 + n), balance: djf(5000 + n) });
const placed = (plan: ReturnType<typeof planPassbook>): PlacedLine[] => plan.steps.flatMap((step) => (step.kind === 'print-page' ? step.lines : []));

describe('passbook layout', () => {
  it('skips the top margin and the fold: lines 1–3 at slots 2–4, lines 4–6 at slots 7–9', () => {
    expect([1, 2, 3, 4, 5, 6].map((line) => lineSlot(line, layout))).toEqual([2, 3, 4, 7, 8, 9]);
    const flat = PassbookLayoutConfig.parse({ linesPerPage: 6, topMarginLines: 0, foldAfterLine: 0, foldSkipLines: 2 });
    expect([1, 6].map((line) => lineSlot(line, flat))).toEqual([0, 5]);
  });

  it('fills the page from the cursor, turns the page when it is full, and gives the next free line back', () => {
    const plan = planPassbook([1, 2, 3, 4].map(deposit), { page: 1, line: 5 }, layout);
    expect(plan.steps.map((step) => (step.kind === 'turn-page' ? `turn to ${step.toPage}` : `page ${step.page}: ${step.lines.map((l) => l.line).join(',')}`))).toEqual([
      'page 1: 5,6',
      'turn to 2',
      'page 2: 1,2',
    ]);
    expect(plan.cursor).toEqual({ page: 2, line: 3 });
    expect(plan.unplaced).toEqual([]);
  });

  it('says when the passbook is full and keeps the lines that did not fit', () => {
    const plan = planPassbook([1, 2, 3].map(deposit), { page: 3, line: 5 }, layout);
    expect(placed(plan).map((l) => [l.page, l.line])).toEqual([[3, 5], [3, 6]]);
    expect(plan.cursor).toEqual({ page: 4, line: 1 });
    expect(plan.unplaced).toEqual([deposit(3)]);
    expect(planPassbook([deposit(1)], { page: 4, line: 1 }, layout).steps).toEqual([]);
  });

  it('refuses a cursor outside the passbook and a line that is neither debit nor credit', () => {
    expect(() => planPassbook([], { page: 1, line: 7 }, layout)).toThrow(RangeError);
    expect(() => planPassbook([], { page: 0, line: 1 }, layout)).toThrow(RangeError);
    expect(() => planPassbook([], { page: 4, line: 2 }, layout)).toThrow(RangeError);
    expect(() => planPassbook([{ ...deposit(1), debit: djf(5) }], { page: 1, line: 1 }, layout)).toThrow(/exactly one/);
    expect(() => planPassbook([{ ...deposit(1), date: '01/03/2026' }], { page: 1, line: 1 }, layout)).toThrow(/YYYY-MM-DD/);
    expect(() => planPassbook([{ ...deposit(1), credit: { minor: 5, currency: 'EUR' } }], { page: 1, line: 1 }, layout)).toThrow(/one currency/);
  });

  it('prints every line exactly once across pages, in order, with a cursor that only moves forward', () => {
    const anyLayout = fc.record({
      pages: fc.integer({ min: 1, max: 6 }),
      linesPerPage: fc.integer({ min: 2, max: 30 }),
      topMarginLines: fc.integer({ min: 0, max: 5 }),
      foldSkipLines: fc.integer({ min: 0, max: 3 }),
      foldFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(anyLayout, fc.integer({ min: 0, max: 200 }), fc.nat(), fc.nat(), (shape, count, pageSeed, lineSeed) => {
        const lay = PassbookLayoutConfig.parse({
          pages: shape.pages,
          linesPerPage: shape.linesPerPage,
          topMarginLines: shape.topMarginLines,
          foldSkipLines: shape.foldSkipLines,
          foldAfterLine: Math.floor(shape.foldFraction * (shape.linesPerPage - 1)),
        });
        const start = { page: (pageSeed % lay.pages) + 1, line: (lineSeed % lay.linesPerPage) + 1 };
        const lines = Array.from({ length: count }, (_, n) => deposit(n));
        const plan = planPassbook(lines, start, lay);
        const all = placed(plan);
        // Exactly once, in order: placed then unplaced is the input.
        expect([...all.map((l) => l.index), ...plan.unplaced.map((l) => lines.indexOf(l))]).toEqual(lines.map((_, n) => n));
        // Positions strictly increase (page, then line), all inside the book, never two on one slot.
        let previous = { page: start.page, line: start.line - 1 };
        for (const l of all) {
          expect(l.page > previous.page || (l.page === previous.page && l.line === previous.line + 1) || (l.page === previous.page + 1 && l.line === 1)).toBe(true);
          expect(l.page).toBeLessThanOrEqual(lay.pages);
          expect(l.slot).toBe(lineSlot(l.line, lay));
          if (lay.foldAfterLine > 0 && l.line > lay.foldAfterLine) expect(l.slot).toBeGreaterThanOrEqual(lay.topMarginLines + lay.foldAfterLine + lay.foldSkipLines);
          previous = l;
        }
        // The cursor is just after the last line placed, and a page turn sits between every two pages.
        expect(plan.cursor).toEqual(all.length ? cursorAfter(all.at(-1)!, lay) : start);
        const pages = plan.steps.filter((step) => step.kind === 'print-page').length;
        expect(plan.steps.filter((step) => step.kind === 'turn-page')).toHaveLength(Math.max(0, pages - 1));
        // Only a full book leaves lines out.
        if (plan.unplaced.length) expect(plan.cursor).toEqual({ page: lay.pages + 1, line: 1 });
      }),
      { numRuns: 300 },
    );
  });
});

describe('a passbook line on paper', () => {
  const fields = (line: PassbookLine) => passbookRow(passbookFields(line, PassbookLayoutConfig.parse({})));

  it('puts date, label and amounts at their columns, amounts right-aligned and grouped with dots', () => {
    const row = fields({ date: '2026-12-25', label: 'Dépôt espèces', debit: null, credit: djf(150_000), balance: djf(1_234_567) });
    expect(row.slice(0, 8)).toBe('25/12/26');
    expect(row.slice(9, 22)).toBe('Depot especes');
    expect(row.slice(32, 44).trim()).toBe('');
    expect(row.slice(45, 57)).toBe('     150.000');
    expect(row.slice(58, 71)).toBe('    1.234.567');
  });

  it('writes decimals after a comma, and never cuts an amount too wide for its column', () => {
    expect(passbookAmount({ minor: 123_456, currency: 'EUR' })).toBe('1.234,56');
    expect(passbookAmount({ minor: -5, currency: 'DJF' })).toBe('-5');
    const huge = fields({ date: '2026-01-01', label: 'x', debit: djf(1_000_000_000_000), credit: null, balance: djf(1) });
    expect(huge.slice(32, 44)).toBe('############');
  });

  it('prints labels in plain ASCII and cuts them at their column', () => {
    expect(passbookText('Intérêts créditeurs — 2026 ٢')).toBe('Interets crediteurs ? 2026 ?');
    const row = fields({ date: '2026-01-01', label: 'A very long label that runs into the debit column', debit: djf(1), credit: null, balance: djf(1) });
    expect(row.slice(9, 31)).toBe('A very long label that');
    expect(row[31]).toBe(' ');
  });
});
