import { describe, expect, it } from 'vitest';
import { insurancePremium, quoteItem, roundToStep, tariffInForce, TariffDocument, volumetricGrams, type Quote } from '@shared/tariff';
import sample from '../../../resources/samples/tariff.json' with { type: 'json' };

const tariff = TariffDocument.parse(sample);
const ok = (result: ReturnType<typeof quoteItem>): Quote => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
};

describe('tariff engine', () => {
  it('reads the sample tariff, marked as a sample', () => {
    expect(tariff.sample).toBe(true);
    expect(tariff.currency).toBe('DJF');
  });

  it('a weight exactly on a band edge stays in that band; one gram more moves up', () => {
    expect(ok(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'DJ', weightGrams: 20 }))).toMatchObject({ zone: 'DOM', bandUpToGrams: 20, postageMinor: 100 });
    expect(ok(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'DJ', weightGrams: 21 }))).toMatchObject({ bandUpToGrams: 50, postageMinor: 150 });
    expect(ok(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'DJ', weightGrams: 1 })).bandUpToGrams).toBe(20);
    expect(ok(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 2000 }))).toMatchObject({ zone: 'Z2', postageMinor: 13500 });
    expect(ok(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 2001 })).postageMinor).toBe(24000);
    // The maximum weight itself is accepted; a gram more is refused with the limit.
    expect(ok(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 30000 })).bandUpToGrams).toBe(30000);
    expect(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 30001 })).toEqual({ ok: false, reason: 'overweight', limit: 30000 });
  });

  it('prices on volumetric weight when it exceeds the actual weight', () => {
    expect(volumetricGrams({ lengthMm: 400, widthMm: 300, heightMm: 200 }, 5000)).toBe(4800);
    const light = ok(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 900, dimensions: { lengthMm: 400, widthMm: 300, heightMm: 200 } }));
    expect(light).toMatchObject({ actualGrams: 900, volumetricGrams: 4800, chargeableGrams: 4800, bandUpToGrams: 5000, postageMinor: 24000 });
    // A dense item keeps its own weight.
    const dense = ok(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 1500, dimensions: { lengthMm: 100, widthMm: 100, heightMm: 100 } }));
    expect(dense).toMatchObject({ volumetricGrams: 200, chargeableGrams: 1500, postageMinor: 13500 });
    // Letters are not priced by volume.
    expect(ok(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'DJ', weightGrams: 20, dimensions: { lengthMm: 300, widthMm: 200, heightMm: 20 } })).volumetricGrams).toBeNull();
    // Volume beyond the last band is too big to carry, even if the scale says little.
    expect(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 500, dimensions: { lengthMm: 700, widthMm: 550, heightMm: 550 } })).toEqual({ ok: false, reason: 'overweight', limit: 30000 });
  });

  it('refuses oversize, unserved destinations and unknown services with the reason', () => {
    expect(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 500, dimensions: { lengthMm: 1501, widthMm: 10, heightMm: 10 } })).toEqual({ ok: false, reason: 'oversize', limit: 1500 });
    expect(quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'FR', weightGrams: 500, dimensions: { lengthMm: 1000, widthMm: 500, heightMm: 501 } })).toEqual({ ok: false, reason: 'oversize', limit: 3000 });
    const unserved = quoteItem(tariff, { service: 'EMS', destinationCountry: 'US', weightGrams: 500 });
    expect(unserved.ok).toBe(false);
    expect(unserved).toMatchObject({ reason: 'unserved-destination' });
    expect(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'ZZ', weightGrams: 20 })).toMatchObject({ ok: false, reason: 'unserved-destination' });
    expect(quoteItem(tariff, { service: 'TELEGRAM', destinationCountry: 'DJ', weightGrams: 20 })).toEqual({ ok: false, reason: 'unknown-service' });
    expect(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'DJ', weightGrams: 0 })).toEqual({ ok: false, reason: 'weight-not-positive' });
    expect(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'DJ', weightGrams: 2001 })).toEqual({ ok: false, reason: 'overweight', limit: 2000 });
  });

  it('adds declared-value insurance per started step, with minimum and ceiling', () => {
    const rule = { stepValueMinor: 10000, premiumPerStepMinor: 200, minimumPremiumMinor: 500, maxDeclaredValueMinor: 1_000_000 };
    expect(insurancePremium(rule, 10000)).toBe(500); // one step = 200, minimum 500
    expect(insurancePremium(rule, 30000)).toBe(600);
    expect(insurancePremium(rule, 30001)).toBe(800); // a started step counts
    const insured = ok(quoteItem(tariff, { service: 'INSURED', destinationCountry: 'FR', weightGrams: 1000, declaredValueMinor: 50000 }));
    expect(insured).toMatchObject({ postageMinor: 10500, insuranceMinor: 1000, totalMinor: 11500 });
    expect(quoteItem(tariff, { service: 'INSURED', destinationCountry: 'FR', weightGrams: 1000 })).toEqual({ ok: false, reason: 'declared-value-required' });
    expect(quoteItem(tariff, { service: 'INSURED', destinationCountry: 'FR', weightGrams: 1000, declaredValueMinor: 1_000_001 })).toEqual({ ok: false, reason: 'declared-value-too-high', limit: 1_000_000 });
    expect(quoteItem(tariff, { service: 'LETTER', destinationCountry: 'FR', weightGrams: 20, declaredValueMinor: 5000 })).toEqual({ ok: false, reason: 'insurance-not-offered' });
  });

  it('applies mandatory and chosen surcharges, rounded by the currency rule', () => {
    // EMS Z2 ≤1000 g: 9000 × 1.6 = 14400; fuel 10 % = 1440.
    const ems = ok(quoteItem(tariff, { service: 'EMS', destinationCountry: 'DE', weightGrams: 800 }));
    expect(ems.surcharges).toEqual([{ code: 'FUEL', amountMinor: 1440 }]);
    expect(ems.totalMinor).toBe(15840);
    const registered = ok(quoteItem(tariff, { service: 'REGISTERED', destinationCountry: 'DJ', weightGrams: 20, options: ['AR'] }));
    expect(registered).toMatchObject({ postageMinor: 1100, surcharges: [{ code: 'AR', amountMinor: 300 }], totalMinor: 1400 });
    expect(quoteItem(tariff, { service: 'REGISTERED', destinationCountry: 'DJ', weightGrams: 20, options: ['FUEL'] })).toEqual({ ok: false, reason: 'unknown-option' });
    expect(roundToStep(1441, 5, 'up')).toBe(1445);
    expect(roundToStep(1440, 5, 'up')).toBe(1440);
    expect(roundToStep(1442, 5, 'nearest')).toBe(1440);
    expect(roundToStep(1444, 5, 'down')).toBe(1440);
  });

  it('picks the version in force on the day', () => {
    const next = { ...tariff, version: 'NEXT', effectiveFrom: '2026-03-01' };
    const old = { ...tariff, version: 'OLD', effectiveFrom: '2024-01-01', effectiveUntil: '2024-12-31' };
    expect(tariffInForce([old, tariff, next], '2026-02-28')?.version).toBe(tariff.version);
    expect(tariffInForce([old, tariff, next], '2026-03-01')?.version).toBe('NEXT');
    expect(tariffInForce([old, tariff, next], '2024-06-01')?.version).toBe('OLD');
    expect(tariffInForce([old], '2025-01-01')).toBeNull();
  });
});
