// What the money-order screen reads from the clerk's typing before any call: a mistyped number is
// refused at the window by its check digits, a secret is 8 digits, a document needs its number
// and an ICAO country, an order abroad its IFS fields.
import { describe, expect, test } from 'vitest';
import { makeMoneyOrderNumber } from '@shared/money-order-number';
import { readDocument, readInternational, readOrderNumber, readSecret } from '../../../renderer/src/features/money-orders/order-reading';
import { draftHoldsWork, EMPTY_DRAFT } from '../../../renderer/src/features/money-orders/money-orders-draft';

describe('an order number typed at the window', () => {
  const number = makeMoneyOrderNumber(12345);
  test('is read with the spaces and dashes of the voucher forgiven', () => {
    expect(readOrderNumber(`${number.slice(0, 4)} ${number.slice(4, 8)}-${number.slice(8)}`)).toEqual({ ok: true, number });
  });
  test('nothing typed, the wrong length, letters: said so before anything is asked', () => {
    expect(readOrderNumber('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(readOrderNumber(number.slice(1))).toEqual({ ok: false, problem: 'format' });
    expect(readOrderNumber(`${number.slice(0, 11)}X`)).toEqual({ ok: false, problem: 'format' });
  });
  test('every single wrong digit and every swap of two neighbours is caught by the check digits', () => {
    for (let i = 0; i < number.length; i++) {
      const digit = Number(number[i]);
      const wrong = `${number.slice(0, i)}${(digit + 1) % 10}${number.slice(i + 1)}`;
      expect(readOrderNumber(wrong).ok, wrong).toBe(false);
      if (i + 1 < number.length && number[i] !== number[i + 1]) {
        const swapped = `${number.slice(0, i)}${number[i + 1]}${number[i]}${number.slice(i + 2)}`;
        expect(readOrderNumber(swapped).ok, swapped).toBe(false);
      }
    }
  });
});

describe('the secret the payee says', () => {
  test('8 digits, read out in pairs or not', () => {
    expect(readSecret('12 34 56 78')).toBe('12345678');
    expect(readSecret('12345678')).toBe('12345678');
  });
  test('anything else is refused at the window', () => {
    for (const text of ['', '1234567', '123456789', '1234567a', '12-34-56-78']) expect(readSecret(text), text).toBeNull();
  });
});

describe('a document shown at the window', () => {
  test('its number as read, its country upper-cased', () => {
    expect(readDocument({ type: 'passport', number: ' P123 ', country: 'fra' })).toEqual({ ok: true, document: { type: 'passport', number: 'P123', country: 'FRA' } });
  });
  test('no number, or a country that is no ICAO code, is refused', () => {
    expect(readDocument({ type: 'identity-card', number: ' ', country: 'DJI' })).toEqual({ ok: false, problem: 'missing' });
    expect(readDocument({ type: 'identity-card', number: 'DJ1', country: 'DJIB' })).toEqual({ ok: false, problem: 'bad-country' });
    expect(readDocument({ type: 'identity-card', number: 'DJ1', country: '' })).toEqual({ ok: false, problem: 'bad-country' });
  });
});

describe('an order abroad', () => {
  test('destination, currency and purpose', () => {
    expect(readInternational({ country: 'fr', currency: 'eur', purpose: ' Family support ' })).toEqual({
      ok: true,
      fields: { destinationCountry: 'FR', payeeCurrency: 'EUR', purpose: 'Family support' },
    });
  });
  test('each missing field named', () => {
    expect(readInternational({ country: '', currency: 'EU', purpose: 'x' })).toEqual({ ok: false, problems: ['country', 'currency', 'purpose'] });
  });
});

describe('what the host keeps of the screen', () => {
  const sent = { operationId: '0190f000-0000-7000-8000-000000000000', content: '{}' };
  test('an operation on its way is always kept', () => {
    expect(draftHoldsWork({ ...EMPTY_DRAFT, sent })).toBe(true);
  });
  test('a cash form with typing or a party picked is work; a look-up or an empty form is not', () => {
    expect(draftHoldsWork({ ...EMPTY_DRAFT, action: 'issue', fields: { amount: '5000' } })).toBe(true);
    expect(draftHoldsWork({ ...EMPTY_DRAFT, action: 'issue', senderId: 'c1' })).toBe(true);
    expect(draftHoldsWork({ ...EMPTY_DRAFT, action: 'issue', fields: { amount: '  ' } })).toBe(false);
    expect(draftHoldsWork({ ...EMPTY_DRAFT, action: 'find', fields: { number: '123' } })).toBe(false);
    expect(draftHoldsWork(EMPTY_DRAFT)).toBe(false);
  });
});
