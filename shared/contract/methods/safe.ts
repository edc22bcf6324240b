import { z } from 'zod';
import { defineMethod } from '../define';
import { note, reference } from '../text';
import { Empty } from './common';
import { MoneyInput, MoneyView, OperationId } from './money';

export const SafeStatus = z.object({
  currency: z.string(),
  balance: MoneyView,
  /** Drops from tills not yet confirmed by a supervisor. */
  pendingIn: MoneyView,
  /** Floats and top-ups not yet confirmed by their clerk. */
  pendingOut: MoneyView,
});

export const SafeMovementResult = z.object({
  operationId: z.string(),
  kind: z.enum(['received', 'sent']),
  amount: MoneyView,
  reference: z.string().nullable(),
  at: z.string(),
  replayed: z.boolean(),
});

const Movement = z.strictObject({
  operationId: OperationId,
  amount: MoneyInput,
  reference: reference(40).optional(),
  note: note(500).optional(),
});

export const safeMethods = {
  'safe.status': defineMethod({ input: Empty, output: SafeStatus, access: ['supervisor', 'auditor'] }),
  /** Cash delivered to the branch (from head office or the bank) into the safe. */
  'safe.receiveCash': defineMethod({ input: Movement, output: SafeMovementResult, access: ['supervisor'] }),
  /** Cash sent from the safe to head office or the bank. */
  'safe.sendCash': defineMethod({ input: Movement, output: SafeMovementResult, access: ['supervisor'] }),
};
