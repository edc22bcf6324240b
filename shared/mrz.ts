/**
 * The machine-readable zone of an identity document (ICAO Doc 9303 parts 4 and 5):
 * TD3 (passports, two lines of 44) and TD1 (identity cards, three lines of 30).
 * A scanner reads it and the registration form is filled from it; every field the
 * document protects with a check digit is checked, so a misread character is refused
 * instead of registering a customer under a wrong document number.
 */

export type MrzFormat = 'TD1' | 'TD3';

export interface MrzDocument {
  format: MrzFormat;
  /** The document code, e.g. `P`, `PO`, `I`, `ID`, `AC` (fillers removed). */
  documentCode: string;
  /** ICAO 9303 three-letter code of the issuing State (`UTO`, `DJI`, `D` for Germany, fillers removed). */
  issuingState: string;
  documentNumber: string;
  familyName: string;
  givenNames: string;
  nationality: string;
  /** YYYY-MM-DD (the century is inferred: see `birthDate` below). */
  birthDate: string;
  sex: 'F' | 'M' | 'X';
  /** YYYY-MM-DD. */
  expiryDate: string;
}

export type MrzFault =
  | 'mrz-shape'
  | 'mrz-document-number-check'
  | 'mrz-birth-date-check'
  | 'mrz-expiry-date-check'
  | 'mrz-composite-check'
  | 'mrz-date';

export type MrzReading = { ok: true; document: MrzDocument } | { ok: false; fault: MrzFault };

const WEIGHTS = [7, 3, 1] as const;

function charValue(c: string): number {
  if (c === '<') return 0;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  return code - 55; // A = 10 … Z = 35
}

/** The 7-3-1 check digit of a field (ICAO 9303 part 3, 4.9). */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i += 1) sum += charValue(field[i]!) * WEIGHTS[i % 3]!;
  return sum % 10;
}

/** A check-digit position holds a digit (a filler `<` counts as 0 where the field is empty). */
const checks = (field: string, digit: string): boolean => (digit === '<' ? field.replace(/</g, '') === '' : digit === String(mrzCheckDigit(field)));

const LINE = /^[A-Z0-9<]+$/;
const unfill = (s: string): string => s.replace(/<+$/, '').replace(/</g, ' ').trim();

/**
 * Splits what a scanner sent into the document's lines: CR, LF or CRLF between them,
 * spaces and a trailing line break tolerated; lower case from a wedge scanner lifted.
 */
export function mrzLines(scanned: string): string[] {
  return scanned
    .toUpperCase()
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ''))
    .filter((line) => line.length > 0);
}

/**
 * A YYMMDD date in full. Birth dates are never in the future (`today`); expiry dates
 * run at most 50 years ahead (ICAO 9303 leaves the century to the reader).
 */
function fullDate(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  const thisYear = today.getUTCFullYear();
  let year = 2000 + yy;
  if (kind === 'birth' && year > thisYear) year -= 100;
  if (kind === 'expiry' && year > thisYear + 50) year -= 100;
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return `${String(year).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function names(field: string): { familyName: string; givenNames: string } {
  const [family = '', ...given] = field.split('<<');
  return { familyName: unfill(family), givenNames: unfill(given.join('<<')) };
}

function sexOf(c: string): 'F' | 'M' | 'X' {
  return c === 'F' || c === 'M' ? c : 'X';
}

interface Parts {
  format: MrzFormat;
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  /** The check digit of the document number, and the number's long form for TD1 (optional data continues it when `<`). */
  numberCheck: string;
  birth: string;
  birthCheck: string;
  sex: string;
  expiry: string;
  expiryCheck: string;
  nationality: string;
  nameField: string;
  composite: string;
  compositeCheck: string;
}

function td3(lines: string[]): Parts {
  const [a, b] = lines as [string, string];
  return {
    format: 'TD3',
    documentCode: a.slice(0, 2),
    issuingState: a.slice(2, 5),
    nameField: a.slice(5, 44),
    documentNumber: b.slice(0, 9),
    numberCheck: b[9]!,
    nationality: b.slice(10, 13),
    birth: b.slice(13, 19),
    birthCheck: b[19]!,
    sex: b[20]!,
    expiry: b.slice(21, 27),
    expiryCheck: b[27]!,
    // Part 4: document number, birth and expiry with their digits, and the personal number with its own.
    composite: b.slice(0, 10) + b.slice(13, 20) + b.slice(21, 43),
    compositeCheck: b[43]!,
  };
}

function td1(lines: string[]): Parts {
  const [a, b, c] = lines as [string, string, string];
  let documentNumber = a.slice(5, 14);
  let numberCheck = a[14]!;
  // Part 5: a number longer than nine characters continues in the optional data, its check digit after it.
  if (numberCheck === '<' && a.slice(15, 30).replace(/</g, '') !== '') {
    const rest = a.slice(15, 30).replace(/<+$/, '');
    documentNumber += rest.slice(0, -1);
    numberCheck = rest.slice(-1);
  }
  return {
    format: 'TD1',
    documentCode: a.slice(0, 2),
    issuingState: a.slice(2, 5),
    documentNumber,
    numberCheck,
    birth: b.slice(0, 6),
    birthCheck: b[6]!,
    sex: b[7]!,
    expiry: b.slice(8, 14),
    expiryCheck: b[14]!,
    nationality: b.slice(15, 18),
    nameField: c,
    // Part 5: upper line after the document code and State, middle line's dates and optional data.
    composite: a.slice(5, 30) + b.slice(0, 7) + b.slice(8, 15) + b.slice(18, 29),
    compositeCheck: b[29]!,
  };
}

/** Reads a scanned MRZ; `today` decides the century of two-digit years. */
export function parseMrz(scanned: string, today: Date = new Date()): MrzReading {
  const lines = mrzLines(scanned);
  if (!lines.every((line) => LINE.test(line))) return { ok: false, fault: 'mrz-shape' };
  let parts: Parts;
  if (lines.length === 2 && lines.every((line) => line.length === 44)) parts = td3(lines);
  else if (lines.length === 3 && lines.every((line) => line.length === 30)) parts = td1(lines);
  else return { ok: false, fault: 'mrz-shape' };

  if (!checks(parts.documentNumber, parts.numberCheck) || parts.documentNumber.replace(/</g, '') === '') return { ok: false, fault: 'mrz-document-number-check' };
  if (!checks(parts.birth, parts.birthCheck)) return { ok: false, fault: 'mrz-birth-date-check' };
  if (!checks(parts.expiry, parts.expiryCheck)) return { ok: false, fault: 'mrz-expiry-date-check' };
  if (!checks(parts.composite, parts.compositeCheck)) return { ok: false, fault: 'mrz-composite-check' };
  const birthDate = fullDate(parts.birth, 'birth', today);
  const expiryDate = fullDate(parts.expiry, 'expiry', today);
  if (!birthDate || !expiryDate) return { ok: false, fault: 'mrz-date' };

  return {
    ok: true,
    document: {
      format: parts.format,
      documentCode: unfill(parts.documentCode),
      issuingState: unfill(parts.issuingState),
      documentNumber: parts.documentNumber.replace(/</g, ''),
      ...names(parts.nameField),
      nationality: unfill(parts.nationality),
      birthDate,
      sex: sexOf(parts.sex),
      expiryDate,
    },
  };
}

/** Whether a scan looks like an MRZ at all (so a barcode scan is not read as a failed document). */
export function looksLikeMrz(scanned: string): boolean {
  const lines = mrzLines(scanned);
  return (lines.length === 2 || lines.length === 3) && lines.every((line) => LINE.test(line) && (line.length === 30 || line.length === 44)) && scanned.includes('<');
}
