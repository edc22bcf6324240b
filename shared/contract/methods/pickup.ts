import { z } from 'zod';
import { defineMethod } from '../define';
import { code, reference } from '../text';
import { MoneyInput, MoneyView, OperationId, OperationNumber } from './money';
import { ReceiptData } from './mail';
import { SessionId } from './till';

export const ID_DOCUMENT_TYPES = ['national-id', 'passport', 'residence-permit', 'driving-licence'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const PickupParcelView = z.object({
  id: z.string(),
  barcode: z.string(),
  marketplace: z.string(),
  sender: z.string(),
  recipientName: z.string(),
  recipientPhone: z.string().nullable(),
  amountToCollect: MoneyView,
  announcedOn: z.string(),
  status: z.enum(['waiting', 'delivered', 'returned']),
  /** Waiting longer than the configured days: to be sent back. */
  dueForReturn: z.boolean(),
  deliveredAt: z.string().nullable(),
});
export type PickupParcelView = z.infer<typeof PickupParcelView>;

export const HandOverResult = z.object({
  operationId: z.string(),
  /** The number on the delivery receipt; absent on hand-overs booked before receipts were numbered. */
  operationNumber: OperationNumber.optional(),
  parcel: PickupParcelView,
  collected: MoneyView,
  tendered: MoneyView,
  change: MoneyView,
  receipt: ReceiptData,
  replayed: z.boolean(),
});
export type HandOverResult = z.infer<typeof HandOverResult>;

export const pickupMethods = {
  'pickup.list': defineMethod({
    input: z.strictObject({ status: z.enum(['waiting', 'due-for-return', 'delivered']).default('waiting') }),
    output: z.array(PickupParcelView),
    access: ['clerk', 'supervisor'],
  }),
  /** Scanned barcode or the pickup code the customer received. The code itself is never shown back. */
  'pickup.find': defineMethod({ input: z.strictObject({ code: reference(40).min(3) }), output: PickupParcelView, access: ['clerk', 'supervisor'] }),
  /** Identity checked and recorded, cash on delivery collected into the till and owed to the merchant (COD payable). */
  'pickup.handOver': defineMethod({
    input: z.strictObject({
      operationId: OperationId,
      sessionId: SessionId,
      parcelId: code(64).min(1),
      pickupCode: reference(20).min(3),
      idDocument: z.strictObject({ type: z.enum(ID_DOCUMENT_TYPES), number: reference(40).min(3) }),
      tendered: MoneyInput.optional(),
    }),
    output: HandOverResult,
    access: ['clerk'],
  }),
  /** Parcels not collected in time, sent back: recorded as returned with the return event. */
  'pickup.markReturned': defineMethod({ input: z.strictObject({ parcelId: code(64).min(1) }), output: PickupParcelView, access: ['clerk', 'supervisor'] }),
};
