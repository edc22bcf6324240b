import { mrzCheckDigit } from '@shared/mrz';

/** The fields a test document carries, already in MRZ characters (A–Z, 0–9, `<`). */
export interface MrzFields {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  familyName: string;
  givenNames: string;
  nationality: string;
  /** YYMMDD */
  birth: string;
  sex: 'F' | 'M' | '<';
  /** YYMMDD */
  expiry: string;
  optional: string;
}

const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);
const nameField = (f: MrzFields, n: number) => pad(`${f.familyName.replace(/ /g, '<')}<<${f.givenNames.replace(/ /g, '<')}`, n);

/** A passport's two lines of 44, with every check digit computed (ICAO 9303 part 4). */
export function td3(f: MrzFields): string {
  const a = pad(f.documentCode, 2) + pad(f.issuingState, 3) + nameField(f, 39);
  const number = pad(f.documentNumber, 9);
  const personal = pad(f.optional, 14);
  const personalCheck = personal.replace(/</g, '') === '' ? '<' : String(mrzCheckDigit(personal));
  const body = `${number}${mrzCheckDigit(number)}${pad(f.nationality, 3)}${f.birth}${mrzCheckDigit(f.birth)}${f.sex}${f.expiry}${mrzCheckDigit(f.expiry)}${personal}${personalCheck}`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
  return `${a}\n${body}${mrzCheckDigit(composite)}`;
}

/** An identity card's three lines of 30 (ICAO 9303 part 5), document number of at most nine characters. */
export function td1(f: MrzFields): string {
  const number = pad(f.documentNumber, 9);
  const a = pad(f.documentCode, 2) + pad(f.issuingState, 3) + number + mrzCheckDigit(number) + pad(f.optional, 15);
  const b0 = `${f.birth}${mrzCheckDigit(f.birth)}${f.sex}${f.expiry}${mrzCheckDigit(f.expiry)}${pad(f.nationality, 3)}${'<'.repeat(11)}`;
  const composite = a.slice(5, 30) + b0.slice(0, 7) + b0.slice(8, 15) + b0.slice(18, 29);
  return `${a}\n${b0}${mrzCheckDigit(composite)}\n${nameField(f, 30)}`;
}
