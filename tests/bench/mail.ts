// Mail figures for `npm run bench`: a quote against a tariff of 10,000 rows, and a complete
// 5-item acceptance basket through the contract (durably committed), interleaved with the
// plain sale of the ledger issue so both see the same disk at the same moment.
import { join } from 'node:path';
import type { Output } from '@shared/contract';
import { quoteItem, TariffDocument, type TariffDocument as Tariff } from '@shared/tariff';
import { uuid7 } from '@shared/uuid7';
import sample from '../../resources/samples/tariff.json' with { type: 'json' };
import { makeTempDir } from '../support/temp-dir';
import { openTillCounter } from './open-till-counter';
import { nowMs, summarize } from './stats';

const djf = (minor: number) => ({ minor, currency: 'DJF' });
const BASKETS = 100;
const QUOTES = 20_000;

/** 5 services × 20 zones × 100 bands = 10,000 rows, built from the sample's rules. */
function bigTariff(): Tariff {
  const base = TariffDocument.parse(sample);
  const zones = Array.from({ length: 20 }, (_, z) => ({ code: `Z${z}`, name: base.zones[0]!.name, countries: [`${String.fromCharCode(65 + z)}A`, `${String.fromCharCode(65 + z)}B`] }));
  const bands = base.services.flatMap((service) =>
    zones.flatMap((zone, z) => Array.from({ length: 100 }, (_, b) => ({ service: service.code, zone: zone.code, upToGrams: (b + 1) * 300, priceMinor: 500 + z * 100 + b * 50 }))),
  );
  return { ...base, zones, bands, services: base.services.map((s) => ({ ...s, maxWeightGrams: 30_000 })) };
}

function benchQuote() {
  const tariff = bigTariff();
  let t0 = nowMs();
  quoteItem(tariff, { service: 'PARCEL', destinationCountry: 'AA', weightGrams: 1 });
  const firstQuoteMs = nowMs() - t0;
  const samples: number[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < QUOTES; i += 1) {
    const service = tariff.services[next() % tariff.services.length]!.code;
    const zone = next() % 20;
    const request = { service, destinationCountry: `${String.fromCharCode(65 + zone)}A`, weightGrams: 1 + (next() % 30_000), dimensions: { lengthMm: 300, widthMm: 200, heightMm: 100 }, declaredValueMinor: service === 'INSURED' ? 50_000 : null };
    t0 = nowMs();
    quoteItem(tariff, request);
    samples.push(nowMs() - t0);
  }
  return { rows: tariff.bands.length, firstQuoteWithIndexBuildMs: Math.round(firstQuoteMs * 1000) / 1000, latencyMs: summarize(samples), targetP99Ms: 2 };
}

async function benchBasket(dir: string) {
  const { counter, call, amina, sessionId } = await openTillCounter(join(dir, 'counter'));
  const party = { name: 'Moussa Abdi', address: 'Rue de Rome 12', locality: 'Djibouti', country: 'DJ', phone: '' };
  const abroad = { ...party, name: 'Claire Martin', country: 'FR' };
  const customs = { category: 'gift', lines: [{ description: 'Books', quantity: 1, netWeightGrams: 500, valueMinor: 5000 }] };

  const basketMs: number[] = [];
  const saleMs: number[] = [];
  for (let i = 0; i < BASKETS; i += 1) {
    // Weighing happens as each item is on the scale, before payment: outside the measured call.
    const weighings = await Promise.all([20, 20, 800, 1500, 3000].map((grams) => call<Output<'mail.weigh'>>('mail.weigh', { manualGrams: grams, reason: 'bench' }, amina)));
    const items = [
      { service: 'LETTER', destinationCountry: 'DJ', weighingId: weighings[0]!.id, sender: party, recipient: party },
      { service: 'REGISTERED', destinationCountry: 'DJ', weighingId: weighings[1]!.id, sender: party, recipient: party, options: ['AR'] },
      { service: 'PARCEL', destinationCountry: 'FR', weighingId: weighings[2]!.id, sender: party, recipient: abroad, customs },
      { service: 'EMS', destinationCountry: 'FR', weighingId: weighings[3]!.id, sender: party, recipient: abroad, customs },
      { service: 'INSURED', destinationCountry: 'DJ', weighingId: weighings[4]!.id, sender: party, recipient: party, declaredValueMinor: 100_000 },
    ];
    let t0 = nowMs();
    await call('mail.accept', { operationId: uuid7(), sessionId, items, tendered: djf(200_000) }, amina);
    basketMs.push(nowMs() - t0);
    t0 = nowMs();
    await call('sale.complete', { operationId: uuid7(), sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }, { productCode: 'ENVELOPE-A4', quantity: 1 }], tendered: djf(500) }, amina);
    saleMs.push(nowMs() - t0);
  }
  await counter.close();
  return { fiveItemBasket: { latencyMs: summarize(basketMs) }, plainSaleSameRun: { latencyMs: summarize(saleMs) } };
}

export async function benchMail(): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-mail-');
  try {
    return { quote: benchQuote(), acceptance: await benchBasket(temp.dir) };
  } finally {
    temp.remove();
  }
}
