import type { CounterpartyAnswer } from '../../electron/services/counterparty/counterparty-port';

export type BookEntry =
  | { state: 'pending'; expiresAt: number; amount: number }
  | { state: 'confirmed'; reference: string; amount: number }
  | { state: 'refused'; reason: string }
  | { state: 'expired' }
  | { state: 'cancelled' };

/** How the counterparty treats a new request: decide now, or hold it pending for a later decision. */
export type Decision = 'confirm' | 'refuse' | 'hold';

/**
 * A counterparty's own books, in memory, with the behaviour the frame relies on and real
 * counterparties promise (head-office functions, operators' correlation ids): idempotent by
 * operation id (a repeat gets the first answer), a hold expires at the request's expiry and a copy
 * arriving after it is refused, a cancel tombstones an id it never saw. Tests drive its decisions.
 */
export class CounterpartyBook {
  readonly entries = new Map<string, BookEntry>();
  /** Requests that acted (a repeat does not act again): what "paid once" is checked against. */
  readonly acted: string[] = [];
  decide: (operationId: string, request: unknown) => Decision = () => 'confirm';
  private references = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  send(operationId: string, request: unknown, expiresAt: string): CounterpartyAnswer {
    const known = this.entries.get(operationId);
    if (known) return this.answer(operationId);
    if (this.now() >= Date.parse(expiresAt)) {
      this.entries.set(operationId, { state: 'expired' });
      return { outcome: 'expired' };
    }
    const amount = typeof request === 'object' && request !== null && 'amount' in request ? Number((request as { amount: unknown }).amount) : 0;
    this.acted.push(operationId);
    const decision = this.decide(operationId, request);
    if (decision === 'hold') this.entries.set(operationId, { state: 'pending', expiresAt: Date.parse(expiresAt), amount });
    else if (decision === 'confirm') this.entries.set(operationId, { state: 'confirmed', reference: this.nextReference(), amount });
    else this.entries.set(operationId, { state: 'refused', reason: 'insufficient-balance' });
    return this.answer(operationId);
  }

  ask(operationId: string): CounterpartyAnswer {
    return this.entries.has(operationId) ? this.answer(operationId) : { outcome: 'never-received' };
  }

  cancel(operationId: string): CounterpartyAnswer {
    const entry = this.entries.get(operationId);
    if (!entry) {
      this.entries.set(operationId, { state: 'cancelled' });
      return { outcome: 'never-received' };
    }
    if (entry.state === 'pending') this.entries.set(operationId, { state: 'cancelled' });
    return this.answer(operationId);
  }

  /** The counterparty decides a held request (an approval, an operator's callback). */
  settlePending(operationId: string, outcome: 'confirm' | 'refuse'): void {
    const entry = this.entries.get(operationId);
    if (entry?.state !== 'pending' || this.now() >= entry.expiresAt) return;
    this.entries.set(operationId, outcome === 'confirm' ? { state: 'confirmed', reference: this.nextReference(), amount: entry.amount } : { state: 'refused', reason: 'declined' });
  }

  pendingIds(): string[] {
    return [...this.entries].filter(([, entry]) => entry.state === 'pending').map(([id]) => id);
  }

  private answer(operationId: string): CounterpartyAnswer {
    let entry = this.entries.get(operationId)!;
    if (entry.state === 'pending' && this.now() >= entry.expiresAt) {
      entry = { state: 'expired' };
      this.entries.set(operationId, entry);
    }
    switch (entry.state) {
      case 'pending':
        return { outcome: 'pending', reference: null };
      case 'confirmed':
        return { outcome: 'confirmed', reference: entry.reference };
      case 'refused':
        return { outcome: 'refused', reason: entry.reason };
      case 'expired':
        return { outcome: 'expired' };
      case 'cancelled':
        return { outcome: 'cancelled' };
    }
  }

  private nextReference(): string {
    this.references += 1;
    return `CP-${String(this.references).padStart(6, '0')}`;
  }
}
