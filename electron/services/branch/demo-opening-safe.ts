import { z } from 'zod';
import { uuid7 } from '@shared/uuid7';
import openingSample from '../../../resources/samples/demo-safe.json' with { type: 'json' };
import { isReferenceBooked } from '../ledger/transfers.repository';
import { moveSafeCash } from '../safe/safe';
import type { TillContext } from '../till/till-context';

const DemoSafe = z.object({
  sample: z.literal(true),
  amountMinor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reference: z.string().min(1).max(40),
  receivedBy: z.string().min(1),
  reason: z.string().min(1).max(200),
});

/**
 * The demo branch's safe opens with sample cash, so a trainee's first float is not refused: booked
 * once, as an ordinary safe receipt (attributed to the demo supervisor, with its reason and a UNIQUE
 * reference), never as a hidden balance. A real branch's safe starts from what head office sends.
 */
export function ensureDemoOpeningSafe(ctx: TillContext): void {
  const sample = DemoSafe.parse(openingSample);
  if (ctx.config().currency !== sample.currency) return;
  if (isReferenceBooked(ctx.sqlite, sample.reference)) return;
  moveSafeCash(ctx, { username: sample.receivedBy, role: 'supervisor' }, 'received', {
    operationId: uuid7(),
    amount: { minor: sample.amountMinor, currency: sample.currency },
    reference: sample.reference,
    note: sample.reason,
  });
}
