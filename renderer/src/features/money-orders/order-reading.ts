import type { DocumentType, InternationalFields, MoneyOrderDocument } from '@shared/contract';
import { checkMoneyOrderNumber } from '@shared/money-order-number';

/**
 * What the clerk typed, read before any call: a mistyped order number is refused at the window
 * (its check digits), never looked up at head office where it could be someone else's order.
 */
export type OrderNumberReading = { ok: true; number: string } | { ok: false; problem: 'empty' | 'format' | 'check-digits' };

export function readOrderNumber(text: string): OrderNumberReading {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  const check = checkMoneyOrderNumber(text);
  return check.ok ? { ok: true, number: check.number } : { ok: false, problem: check.problem };
}

/** The message key of a number the window refused. */
export const numberProblemKey = (problem: Extract<OrderNumberReading, { ok: false }>['problem']) =>
  problem === 'empty' ? 'mo.number.empty' : problem === 'format' ? 'mo.number.format' : 'mo.number.checkDigits';

/** The 8 digits the payee says; spaces forgiven (read out in pairs), anything else refused. */
export function readSecret(text: string): string | null {
  const digits = text.replace(/\s/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

export interface DocumentTyping {
  type: DocumentType;
  number: string;
  country: string;
}

export type DocumentReading = { ok: true; document: MoneyOrderDocument } | { ok: false; problem: 'missing' | 'bad-country' };

/** A document as shown at the window: its number read off it, its country as the ICAO 9303 code printed on it. */
export function readDocument(typing: DocumentTyping): DocumentReading {
  const number = typing.number.trim();
  const country = typing.country.trim().toUpperCase();
  if (number === '') return { ok: false, problem: 'missing' };
  if (!/^[A-Z]{1,3}$/.test(country)) return { ok: false, problem: 'bad-country' };
  return { ok: true, document: { type: typing.type, number, country } };
}

export const documentProblemKey = (problem: Extract<DocumentReading, { ok: false }>['problem']) =>
  problem === 'missing' ? 'mo.document.missing' : 'mo.document.badCountry';

export type InternationalReading = { ok: true; fields: InternationalFields } | { ok: false; problems: Array<'country' | 'currency' | 'purpose'> };

/** The IFS fields of an order sent abroad: where to, the payee's currency (ISO 4217), why. */
export function readInternational(typing: { country: string; currency: string; purpose: string }): InternationalReading {
  const destinationCountry = typing.country.trim().toUpperCase();
  const payeeCurrency = typing.currency.trim().toUpperCase();
  const purpose = typing.purpose.trim();
  const problems: Array<'country' | 'currency' | 'purpose'> = [];
  if (!/^[A-Z]{2}$/.test(destinationCountry)) problems.push('country');
  if (!/^[A-Z]{3}$/.test(payeeCurrency)) problems.push('currency');
  if (purpose.length < 2) problems.push('purpose');
  return problems.length === 0 ? { ok: true, fields: { destinationCountry, payeeCurrency, purpose } } : { ok: false, problems };
}
