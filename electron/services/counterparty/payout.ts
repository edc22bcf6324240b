import type { CounterpartyOperationView } from '@shared/contract';
import type { CounterpartyFrame } from './counterparty-frame';

/** Where a payout stands, in the window's words: cash is handed over only for `paid`. */
export type PayoutOutcome = 'paid' | 'to-pay' | 'refused' | 'waiting' | 'cancelled' | 'expired';

/**
 * The clerk's press for a payout (a withdrawal, a closing, a money order paid, cancelled or
 * reimbursed): sends, or asks where it stands, and answers the durable state. A confirmation the
 * resolver found after the window moved on is paid on the clerk's next press for the same
 * operation — once: the frame refuses a second hand-over.
 */
export async function payOut(frame: CounterpartyFrame, operationId: string, actor: string): Promise<CounterpartyOperationView> {
  const view = await frame.execute(operationId, actor);
  return view.toHandOver ? frame.handOver(operationId, actor) : view;
}

export function payoutOutcome(view: CounterpartyOperationView): PayoutOutcome {
  switch (view.state) {
    case 'confirmed':
      return view.toHandOver ? 'to-pay' : 'paid';
    case 'refused':
      return 'refused';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancelled';
    case 'prepared':
    case 'sent':
    case 'pending':
    case 'unknown':
      return 'waiting';
  }
}
