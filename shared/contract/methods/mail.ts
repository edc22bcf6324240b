import { z } from 'zod';
import { CUSTOMS_CATEGORIES } from '../../customs';
import { MAIL_PARTY_FIELDS } from '../../mail-item-rules';
import { defineMethod } from '../define';
import { code, name, note, reference } from '../text';
import { Empty } from './common';
import { LocalizedLabel, MoneyInput, MoneyView, OperationId, OperationNumber } from './money';
import { SessionId } from './till';

const CLERKS = ['clerk'] as const;
const READERS = ['clerk', 'supervisor', 'auditor'] as const;

export const CountryCode = code(2).regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2');

export const Dimensions = z.strictObject({
  lengthMm: z.number().int().min(1).max(10_000),
  widthMm: z.number().int().min(1).max(10_000),
  heightMm: z.number().int().min(1).max(10_000),
});

/**
 * Sender or recipient as written on the label. Which lines must be filled depends on the service
 * (tariff data, shared/mail-item-rules.ts): the service checks them once it knows the service.
 */
export const Party = z.strictObject({
  name: name(80).default(''),
  address: note(200).default(''),
  locality: name(80).default(''),
  country: CountryCode,
  phone: code(30).default(''),
});
export type Party = z.infer<typeof Party>;

/** Customs fields may arrive empty: the service answers with every missing path, not just the first. */
export const CustomsLineInput = z.strictObject({
  description: name(120).nullish(),
  quantity: z.number().int().nullish(),
  netWeightGrams: z.number().int().nullish(),
  valueMinor: z.number().int().nullish(),
  hsCode: code(12).nullish(),
  originCountry: code(2).nullish(),
});
export const CustomsInput = z.strictObject({
  category: z.enum(CUSTOMS_CATEGORIES).nullish(),
  explanation: note(200).nullish(),
  lines: z.array(CustomsLineInput).max(20),
});
export type CustomsInput = z.infer<typeof CustomsInput>;

export const QuoteInput = z.strictObject({
  service: code(20).min(1),
  destinationCountry: CountryCode,
  weightGrams: z.number().int(),
  dimensions: Dimensions.nullish(),
  declaredValueMinor: z.number().int().nonnegative().nullish(),
  options: z.array(code(20)).max(5).default([]),
});

export const QuoteView = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    tariffVersion: z.string(),
    currency: z.string(),
    service: z.string(),
    zone: z.string(),
    actualGrams: z.number().int(),
    volumetricGrams: z.number().int().nullable(),
    chargeableGrams: z.number().int(),
    bandUpToGrams: z.number().int(),
    postageMinor: z.number().int(),
    insuranceMinor: z.number().int(),
    surcharges: z.array(z.object({ code: z.string(), amountMinor: z.number().int() })),
    totalMinor: z.number().int(),
  }),
  z.object({ ok: z.literal(false), reason: z.string(), limit: z.union([z.number(), z.array(z.string())]).optional() }),
]);
export type QuoteView = z.infer<typeof QuoteView>;

export const MailService = z.object({
  code: z.string(),
  name: LocalizedLabel,
  tracked: z.boolean(),
  maxWeightGrams: z.number().int(),
  declaredValueRequired: z.boolean(),
  /** Label lines this service needs (`recipient.name`…), checked by the form and the service with one schema. */
  requiredFields: z.array(z.enum(MAIL_PARTY_FIELDS)),
  insurance: z.boolean(),
  optionalSurcharges: z.array(z.object({ code: z.string(), name: LocalizedLabel })),
  zones: z.array(z.string()),
});

export const RetailProduct = z.object({
  code: z.string(),
  ean: z.string(),
  name: LocalizedLabel,
  price: MoneyView,
  stock: z.number().int(),
});
export type RetailProduct = z.infer<typeof RetailProduct>;

export const MailCatalog = z.object({
  tariffVersion: z.string(),
  sample: z.boolean(),
  currency: z.string(),
  homeCountry: z.string(),
  domesticZone: z.string(),
  cn22MaxValueMinor: z.number().int(),
  services: z.array(MailService),
  zones: z.array(z.object({ code: z.string(), name: LocalizedLabel, countries: z.array(z.string()) })),
  products: z.array(RetailProduct),
});
export type MailCatalog = z.infer<typeof MailCatalog>;

export const Weighing = z.object({ id: z.string(), source: z.enum(['scale', 'manual']), grams: z.number().int(), deviceId: z.string().nullable(), at: z.string() });
export type Weighing = z.infer<typeof Weighing>;

export const MailItemInput = z.strictObject({
  service: code(20).min(1),
  destinationCountry: CountryCode,
  /** The weight the price is fixed from: a stable scale reading or a manual weight, recorded by `mail.weigh`. */
  weighingId: code(64).min(1),
  dimensions: Dimensions.nullish(),
  declaredValueMinor: z.number().int().nonnegative().nullish(),
  options: z.array(code(20)).max(5).default([]),
  sender: Party,
  recipient: Party,
  customs: CustomsInput.nullish(),
});
export type MailItemInput = z.input<typeof MailItemInput>;

export const RetailLineInput = z.strictObject({ ean: code(14).regex(/^\d{8,14}$/, 'EAN'), quantity: z.number().int().min(1).max(999) });

/** The receipt as data (shared/receipt.ts): the printer and the on-screen preview lay out the same rows. */
export const ReceiptData = z.object({
  header: z.array(z.string()),
  entries: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('text'), text: z.string(), align: z.enum(['left', 'center', 'right']).optional(), bold: z.boolean().optional(), large: z.boolean().optional() }),
      z.object({ kind: z.literal('item'), label: z.string(), quantity: z.number().optional(), amount: z.string() }),
      z.object({ kind: z.literal('total'), label: z.string(), amount: z.string() }),
      z.object({ kind: z.literal('rule') }),
      z.object({ kind: z.literal('blank') }),
      z.object({ kind: z.literal('barcode'), data: z.string() }),
      z.object({ kind: z.literal('qr'), data: z.string() }),
    ]),
  ),
  footer: z.array(z.string()),
  demo: z.boolean(),
  language: z.enum(['fr', 'en', 'ar']).optional(),
  copy: z.boolean().optional(),
  /** The operation and its last hash (signed by the branch key): a short code of it prints and rides in the QR. */
  verification: z.object({ operationId: z.string(), hash: z.string() }).nullable().optional(),
});

export const AcceptedItem = z.object({
  s10: z.string().nullable(),
  service: z.string(),
  serviceName: LocalizedLabel,
  destinationCountry: z.string(),
  zone: z.string(),
  grams: z.number().int(),
  weightSource: z.enum(['scale', 'manual']),
  chargeableGrams: z.number().int(),
  customsForm: z.enum(['CN22', 'CN23']).nullable(),
  postage: MoneyView,
  insurance: MoneyView,
  surcharges: MoneyView,
  amount: MoneyView,
});

export const AcceptanceResult = z.object({
  operationId: z.string(),
  /** The number on the receipt; absent on baskets booked before receipts were numbered. */
  operationNumber: OperationNumber.optional(),
  sessionId: z.string(),
  at: z.string(),
  items: z.array(AcceptedItem),
  products: z.array(z.object({ productCode: z.string(), ean: z.string(), name: LocalizedLabel, quantity: z.number().int(), unitPrice: MoneyView, amount: MoneyView })),
  total: MoneyView,
  tendered: MoneyView,
  change: MoneyView,
  receipt: ReceiptData,
  /** Where the label(s) and receipt went: printed later if the printer is away, never lost. */
  printing: z.object({ labels: z.enum(['label-printer', 'receipt-printer', 'none']), queued: z.number().int() }),
  replayed: z.boolean(),
});
export type AcceptanceResult = z.infer<typeof AcceptanceResult>;

/** A remembered sender as an answer shows it: what was stored, checked on its way in (not re-checked here). */
export const SenderView = z.object({
  id: z.string(),
  uses: z.number().int(),
  name: z.string(),
  address: z.string(),
  locality: z.string(),
  country: z.string(),
  phone: z.string(),
});

export const mailMethods = {
  /** Services, zones, retail products with EAN and stock, from the tariff in force today. */
  'mail.catalog': defineMethod({ input: Empty, output: MailCatalog, access: READERS }),
  /** A live quote: refusals (overweight, unserved…) are answers here, not errors, so the screen can show them as the weight moves. */
  'mail.quote': defineMethod({ input: QuoteInput, output: QuoteView, access: READERS }),
  /**
   * Fixes the weight a price is taken from: the scale's reading now, refused unless stable,
   * or a manual weight with its reason (audited as manual).
   */
  'mail.weigh': defineMethod({
    input: z.union([z.strictObject({ deviceId: code(64).min(1).optional() }), z.strictObject({ manualGrams: z.number().int().positive().max(100_000), reason: note(200).min(3) })]),
    output: Weighing,
    access: CLERKS,
  }),
  /** A basket of mail items and retail products paid in cash: one ledger operation, S10s issued and acceptance events recorded in it. */
  'mail.accept': defineMethod({
    input: z.strictObject({
      operationId: OperationId,
      sessionId: SessionId,
      items: z.array(MailItemInput).max(20),
      products: z.array(RetailLineInput).max(50).default([]),
      tendered: MoneyInput,
    }),
    output: AcceptanceResult,
    access: CLERKS,
  }),
  'mail.senders': defineMethod({ input: z.strictObject({ query: name(80) }), output: z.array(SenderView), access: CLERKS }),
  /**
   * Another copy, audited: the receipt of a booked acceptance (`operationId`), or the parcel label
   * of one item (`s10`, typed or scanned; refused for an item whose acceptance was voided).
   */
  'mail.reprint': defineMethod({
    input: z.union([z.strictObject({ operationId: OperationId }), z.strictObject({ s10: reference(20).min(13) })]),
    output: z.object({ queued: z.number().int() }),
    access: ['clerk', 'supervisor'],
  }),
};
