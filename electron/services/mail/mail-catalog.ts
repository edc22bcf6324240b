import type { MailCatalog, RetailProduct } from '@shared/contract';
import type { MailContext } from './mail-context';
import { mailRepository } from './mail.repository';

/** What the acceptance screen offers: the tariff in force, its zones, and the retail products on the shelf. */
export function mailCatalog(ctx: MailContext): MailCatalog {
  const tariff = ctx.reference.tariffOn(ctx.till.clock.now());
  const currency = ctx.till.config().currency;
  const stock = mailRepository(ctx.till.sqlite).shelf();
  const listed = new Map(ctx.till.catalog.list(currency).map((product) => [product.code, product]));
  const products: RetailProduct[] = stock.flatMap((row) => {
    const product = listed.get(row.product_code);
    return product ? [{ code: product.code, ean: row.ean, name: product.name, price: product.price, stock: row.quantity }] : [];
  });
  const served = new Map<string, Set<string>>();
  for (const band of tariff.bands) {
    let zones = served.get(band.service);
    if (!zones) served.set(band.service, (zones = new Set()));
    zones.add(band.zone);
  }
  return {
    tariffVersion: tariff.version,
    sample: tariff.sample === true,
    currency: tariff.currency,
    homeCountry: tariff.homeCountry,
    domesticZone: tariff.domesticZone,
    cn22MaxValueMinor: tariff.customs.cn22MaxValueMinor,
    services: tariff.services.map((service) => ({
      code: service.code,
      name: service.name,
      tracked: service.s10Indicator !== null,
      maxWeightGrams: service.maxWeightGrams,
      declaredValueRequired: service.declaredValueRequired,
      requiredFields: service.requiredFields,
      insurance: service.insurance !== null,
      optionalSurcharges: service.surcharges.filter((s) => s.optional).map((s) => ({ code: s.code, name: s.name })),
      zones: [...(served.get(service.code) ?? [])],
    })),
    zones: tariff.zones.map((zone) => ({ code: zone.code, name: zone.name, countries: zone.countries })),
    products,
  };
}
