import type { TariffDocument, TariffService } from './tariff-document';

/** One service to one zone: band ceilings ascending and their prices, searched by bisection. */
interface BandGrid {
  upTo: Int32Array;
  price: Int32Array;
}

/** A tariff made ready to quote in O(log bands): built once per published version. */
export interface TariffIndex {
  readonly document: TariffDocument;
  service(code: string): TariffService | undefined;
  zoneOf(country: string): string | undefined;
  grid(service: string, zone: string): BandGrid | undefined;
  zonesServed(service: string): string[];
}

const cache = new WeakMap<TariffDocument, TariffIndex>();

export function indexTariff(document: TariffDocument): TariffIndex {
  const cached = cache.get(document);
  if (cached) return cached;
  const services = new Map(document.services.map((s) => [s.code, s]));
  const zones = new Map<string, string>();
  for (const zone of document.zones) for (const country of zone.countries) zones.set(country, zone.code);
  zones.set(document.homeCountry, document.domesticZone);

  const rows = new Map<string, Array<{ upToGrams: number; priceMinor: number }>>();
  const served = new Map<string, Set<string>>();
  for (const band of document.bands) {
    const key = `${band.service}|${band.zone}`;
    let list = rows.get(key);
    if (!list) rows.set(key, (list = []));
    list.push(band);
    let set = served.get(band.service);
    if (!set) served.set(band.service, (set = new Set()));
    set.add(band.zone);
  }
  const grids = new Map<string, BandGrid>();
  for (const [key, list] of rows) {
    list.sort((a, b) => a.upToGrams - b.upToGrams);
    grids.set(key, { upTo: Int32Array.from(list, (b) => b.upToGrams), price: Int32Array.from(list, (b) => b.priceMinor) });
  }
  const index: TariffIndex = {
    document,
    service: (code) => services.get(code),
    zoneOf: (country) => zones.get(country),
    grid: (service, zone) => grids.get(`${service}|${zone}`),
    zonesServed: (service) => [...(served.get(service) ?? [])],
  };
  cache.set(document, index);
  return index;
}

/** The first band whose ceiling is at or above the weight: a weight exactly on the edge stays in the lower band. */
export function bandFor(grid: BandGrid, grams: number): number {
  let lo = 0;
  let hi = grid.upTo.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (grid.upTo[mid]! < grams) lo = mid + 1;
    else hi = mid;
  }
  return lo < grid.upTo.length ? lo : -1;
}
