import { describe, expect, it } from 'vitest';
import { customsFormFor, customsValueOf, missingCustomsFields } from '@shared/customs';

describe('customs declarations', () => {
  it('CN22 up to the configured threshold, CN23 above it', () => {
    expect(customsFormFor(70000, 70000)).toBe('CN22');
    expect(customsFormFor(70001, 70000)).toBe('CN23');
    expect(customsFormFor(0, 70000)).toBe('CN22');
  });

  it('lists every missing mandatory field by path', () => {
    expect(missingCustomsFields({ lines: [] })).toEqual(['category', 'lines']);
    expect(missingCustomsFields({ category: 'gift', lines: [{ description: ' ', quantity: 0 }] })).toEqual([
      'lines.0.description',
      'lines.0.quantity',
      'lines.0.netWeightGrams',
      'lines.0.valueMinor',
    ]);
    expect(missingCustomsFields({ category: 'other', lines: [{ description: 'Spices', quantity: 1, netWeightGrams: 200, valueMinor: 1000 }] })).toEqual(['explanation']);
  });

  it('commercial items need the HS code and the origin; gifts do not', () => {
    const line = { description: 'Coffee beans', quantity: 2, netWeightGrams: 500, valueMinor: 8000 };
    expect(missingCustomsFields({ category: 'gift', lines: [line] })).toEqual([]);
    expect(missingCustomsFields({ category: 'sale-of-goods', lines: [line] })).toEqual(['lines.0.hsCode', 'lines.0.originCountry']);
    expect(missingCustomsFields({ category: 'sale-of-goods', lines: [{ ...line, hsCode: '0901', originCountry: 'ET' }] })).toEqual(['lines.0.hsCode']);
    expect(missingCustomsFields({ category: 'commercial-sample', lines: [{ ...line, hsCode: '090111', originCountry: 'ET' }] })).toEqual([]);
    expect(customsValueOf({ lines: [line, { ...line, valueMinor: 2000 }] })).toBe(10000);
  });
});
