import { ContractError, type LocalizedLabel, type ParsedInput, type Product } from '@shared/contract';
import { quoteItem, type Quote, type TariffDocument, type TariffService } from '@shared/tariff';
import { FIELD_REQUIRED, missingPartyFields } from '@shared/mail-item-rules';
import { checkedCustoms, customsIncomplete, customsProblems, type CheckedCustoms } from './customs-check';
import type { MailContext } from './mail-context';
import { mailRepository } from './mail.repository';
import { readWeighing } from './weighing';

type AcceptInput = ParsedInput<'mail.accept'>;

export interface PricedItem {
  input: AcceptInput['items'][number];
  service: TariffService;
  quote: Quote;
  weighing: { id: string; source: 'scale' | 'manual'; grams: number };
  international: boolean;
  customs: CheckedCustoms | null;
}

export interface PricedProduct {
  product: Product;
  ean: string;
  quantity: number;
  amount: number;
}

export interface PricedBasket {
  tariff: TariffDocument;
  items: PricedItem[];
  products: PricedProduct[];
  total: number;
}

/**
 * Prices the whole basket before anything is written: every price comes from the tariff in
 * force and the recorded weighing, never from the window. Refusals name the item and the reason.
 */
export function priceBasket(ctx: MailContext, input: AcceptInput, currency: string): PricedBasket {
  if (input.items.length === 0 && input.products.length === 0) {
    throw new ContractError('INVALID_INPUT', 'the basket is empty', { issues: [{ path: 'items', message: 'empty basket', code: 'empty-basket' }], rule: 'empty-basket' });
  }
  const tariff = ctx.reference.tariffOn(ctx.till.clock.now());
  if (tariff.currency !== currency) throw new ContractError('RULE_BROKEN', `the tariff is in ${tariff.currency}, the till in ${currency}`, { rule: 'tariff-currency' });

  const missing: string[] = [];
  const partyIssues: Array<{ path: string; message: string; code: string }> = [];
  const items = input.items.map((item, index): PricedItem => {
    const weighing = readWeighing(ctx, item.weighingId);
    const result = quoteItem(tariff, {
      service: item.service,
      destinationCountry: item.destinationCountry,
      weightGrams: weighing.grams,
      dimensions: item.dimensions ?? null,
      declaredValueMinor: item.declaredValueMinor ?? null,
      options: item.options,
    });
    if (!result.ok) {
      throw new ContractError('RULE_BROKEN', `item ${index + 1}: ${result.reason}`, { rule: result.reason, item: index, limit: result.limit ?? null });
    }
    const service = tariff.services.find((s) => s.code === item.service)!;
    partyIssues.push(...missingPartyFields(service.requiredFields, item).map((path) => ({ path: `items.${index}.${path}`, message: `${path} is required for ${service.code}`, code: FIELD_REQUIRED })));
    const international = result.zone !== tariff.domesticZone;
    // Tracked international items carry goods across a border: they need a declaration.
    const needsCustoms = international && service.s10Indicator !== null;
    if (needsCustoms) missing.push(...customsProblems(index, item.customs));
    const customs = needsCustoms && item.customs ? checkedCustoms(item.customs, tariff.customs.cn22MaxValueMinor) : null;
    return { input: item, service, quote: result, weighing: { id: weighing.id, source: weighing.source, grams: weighing.grams }, international, customs };
  });
  // Every empty required line of every item at once, with its path: the form puts each beside its field.
  if (partyIssues.length > 0) throw new ContractError('INVALID_INPUT', 'required label lines are empty', { issues: partyIssues, rule: FIELD_REQUIRED });
  if (missing.length > 0) throw customsIncomplete(missing);

  const mail = mailRepository(ctx.till.sqlite);
  const products = input.products.map((line, index): PricedProduct => {
    const productCode = mail.productCodeOf(line.ean);
    if (productCode === undefined) throw new ContractError('NOT_FOUND', `no product with EAN ${line.ean}`, { rule: 'unknown-ean', ean: line.ean, line: index });
    const product = ctx.till.catalog.find(productCode, currency);
    return { product, ean: line.ean, quantity: line.quantity, amount: product.price.minor * line.quantity };
  });
  const total = items.reduce((sum, item) => sum + item.quote.totalMinor, 0) + products.reduce((sum, line) => sum + line.amount, 0);
  return { tariff, items, products, total };
}

export const labelIn = (label: LocalizedLabel, language: string): string => (language === 'ar' ? label.ar : language === 'en' ? label.en : label.fr);
