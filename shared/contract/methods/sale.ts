import { z } from 'zod';
import { defineMethod } from '../define';
import { code, reference } from '../text';
import { Empty } from './common';
import { LocalizedLabel, MoneyInput, MoneyView, OperationId, OperationNumber } from './money';
import { SessionId } from './till';

export const Product = z.object({
  code: z.string(),
  name: LocalizedLabel,
  price: MoneyView,
  /** Items that carry an identifier (S10 number…) booked once only. */
  requiresReference: z.boolean(),
});
export type Product = z.infer<typeof Product>;

export const SaleLineInput = z.strictObject({
  productCode: code(32).min(1),
  quantity: z.number().int().min(1).max(999),
  reference: reference(40).min(1).optional(),
});

export const SaleResult = z.object({
  operationId: z.string(),
  /** What the receipt and the sale screen show; absent on sales booked before receipts were numbered. */
  operationNumber: OperationNumber.optional(),
  sessionId: z.string(),
  at: z.string(),
  lines: z.array(
    z.object({
      productCode: z.string(),
      name: LocalizedLabel,
      quantity: z.number().int(),
      unitPrice: MoneyView,
      amount: MoneyView,
      reference: z.string().nullable(),
    }),
  ),
  total: MoneyView,
  tendered: MoneyView,
  change: MoneyView,
  payment: z.literal('cash'),
  replayed: z.boolean(),
});
export type SaleResult = z.infer<typeof SaleResult>;

export const saleMethods = {
  'sale.products': defineMethod({ input: Empty, output: z.array(Product), access: ['clerk', 'supervisor', 'auditor'] }),
  /**
   * A cash sale: prices come from the catalogue, never from the window. Revenue
   * and till cash post as one operation; the change is computed from `tendered`.
   */
  'sale.complete': defineMethod({
    input: z.strictObject({ operationId: OperationId, sessionId: SessionId, lines: z.array(SaleLineInput).min(1).max(50), tendered: MoneyInput }),
    output: SaleResult,
    access: ['clerk'],
  }),
};
