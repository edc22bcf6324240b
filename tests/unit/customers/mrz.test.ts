import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeMrz, mrzCheckDigit, parseMrz } from '@shared/mrz';
import { td1, td3, type MrzFields } from '../../support/mrz-builder';

const today = new Date('2025-06-01T00:00:00Z');

// The specimens printed in ICAO Doc 9303 (part 4, TD3 passport; part 5, TD1 card) for the fictional State of Utopia.
const SPECIMEN_TD3 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
const SPECIMEN_TD1 = 'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<';

describe('ICAO 9303 machine-readable zone', () => {
  it('reads the part 4 passport specimen (TD3)', () => {
    expect(parseMrz(SPECIMEN_TD3, today)).toEqual({
      ok: true,
      document: {
        format: 'TD3',
        documentCode: 'P',
        issuingState: 'UTO',
        documentNumber: 'L898902C3',
        familyName: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        nationality: 'UTO',
        birthDate: '1974-08-12',
        sex: 'F',
        expiryDate: '2012-04-15',
      },
    });
  });

  it('reads the part 5 identity card specimen (TD1), with CRLF between lines as a serial scanner sends them', () => {
    const reading = parseMrz(SPECIMEN_TD1.replace(/\n/g, '\r\n') + '\r\n', today);
    expect(reading).toMatchObject({ ok: true, document: { format: 'TD1', documentCode: 'I', documentNumber: 'D23145890', familyName: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2012-04-15', sex: 'F' } });
  });

  it('computes the 7-3-1 digits of the specimen fields', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('D23145890')).toBe(7);
  });

  it('names the field whose check digit fails', () => {
    expect(parseMrz(SPECIMEN_TD3.replace('L898902C36', 'L898902C37'), today)).toEqual({ ok: false, fault: 'mrz-document-number-check' });
    expect(parseMrz(SPECIMEN_TD3.replace('7408122F', '7408132F'), today)).toEqual({ ok: false, fault: 'mrz-birth-date-check' });
    expect(parseMrz(SPECIMEN_TD3.replace('1204159ZE', '1204169ZE'), today)).toEqual({ ok: false, fault: 'mrz-expiry-date-check' });
    expect(parseMrz(SPECIMEN_TD3.replace('<<<<<10', '<<<<<11'), today)).toEqual({ ok: false, fault: 'mrz-composite-check' });
    expect(parseMrz('P<UTOERIKSSON', today)).toEqual({ ok: false, fault: 'mrz-shape' });
    expect(looksLikeMrz(SPECIMEN_TD1)).toBe(true);
    expect(looksLikeMrz('RR123456785DJ')).toBe(false);
  });

  const letters = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Z]{${min},${max}}$`));
  const yymmdd = fc.date({ min: new Date('1931-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(2, 10).replace(/-/g, ''));
  const expiry = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2070-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(2, 10).replace(/-/g, ''));
  const fields: fc.Arbitrary<MrzFields> = fc.record({
    documentCode: fc.constantFrom('P', 'PO', 'I', 'ID', 'AC'),
    issuingState: fc.constantFrom('DJI', 'COG', 'FRA', 'UTO', 'D'),
    documentNumber: fc.stringMatching(/^[A-Z0-9]{1,9}$/),
    familyName: letters(1, 12),
    // What a TD1 name line holds whole (30 characters: 12 + "<<" + 7 + "<" + 7 = 29); longer names
    // are truncated by the issuer, and read back truncated.
    givenNames: fc.array(letters(1, 7), { minLength: 1, maxLength: 2 }).map((parts) => parts.join(' ')),
    nationality: fc.constantFrom('DJI', 'COG', 'FRA', 'UTO'),
    birth: yymmdd,
    sex: fc.constantFrom('F', 'M', '<'),
    expiry,
    optional: fc.stringMatching(/^[A-Z0-9]{0,9}$/),
  });
  const documents = fc.oneof(fields.map((f) => ({ f, text: td3(f) })), fields.map((f) => ({ f, text: td1(f) })));

  it('parses back any generated valid MRZ', () => {
    fc.assert(
      fc.property(documents, ({ f, text }) => {
        const reading = parseMrz(text, today);
        expect(reading.ok).toBe(true);
        if (!reading.ok) return;
        expect(reading.document.documentNumber).toBe(f.documentNumber);
        expect(reading.document.familyName).toBe(f.familyName);
        expect(reading.document.givenNames).toBe(f.givenNames);
        expect(reading.document.birthDate.slice(2).replace(/-/g, '')).toBe(f.birth);
        expect(reading.document.expiryDate.slice(2).replace(/-/g, '')).toBe(f.expiry);
        expect(reading.document.issuingState).toBe(f.issuingState);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('refuses any MRZ with one digit changed', () => {
    const withPosition = documents.chain(({ text }) => {
      const digits = [...text].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
      return fc.record({ text: fc.constant(text), at: fc.constantFrom(...digits), by: fc.integer({ min: 1, max: 9 }) });
    });
    fc.assert(
      fc.property(withPosition, ({ text, at, by }) => {
        const changed = text.slice(0, at) + String((Number(text[at]) + by) % 10) + text.slice(at + 1);
        expect(parseMrz(changed, today).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
