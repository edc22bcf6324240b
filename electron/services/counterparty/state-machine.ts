import { missingCaseError } from '@shared/missing-case';

/**
 * The life of an operation with a counterparty (DESIGN.md, "Operations with a counterparty").
 * `prepared`: the intent and its reservation are booked, nothing has left yet. `sent`: written
 * before the request leaves, so after a crash we know it may have arrived. `unknown`: the link
 * failed or the reply was lost — we do not know, so nothing is paid and the resolver asks.
 * `cancelled`: the clerk gave up before the counterparty acted (or it never received the request).
 */
export const COUNTERPARTY_STATES = ['prepared', 'sent', 'pending', 'confirmed', 'refused', 'expired', 'unknown', 'cancelled'] as const;
export type CounterpartyState = (typeof COUNTERPARTY_STATES)[number];

export type FinalState = 'confirmed' | 'refused' | 'expired' | 'cancelled';

/** What the ledger does on entering a state: post the reservation, void it, or leave it pending. */
export type Booking = 'post' | 'void' | 'keep';

export function isFinal(state: CounterpartyState): state is FinalState {
  switch (state) {
    case 'confirmed':
    case 'refused':
    case 'expired':
    case 'cancelled':
      return true;
    case 'prepared':
    case 'sent':
    case 'pending':
    case 'unknown':
      return false;
    default:
      throw missingCaseError(state);
  }
}

export function bookingOf(state: CounterpartyState): Booking {
  switch (state) {
    case 'confirmed':
      return 'post';
    case 'refused':
    case 'expired':
    case 'cancelled':
      return 'void';
    case 'prepared':
    case 'sent':
    case 'pending':
    case 'unknown':
      return 'keep';
    default:
      throw missingCaseError(state);
  }
}

/** The states each state may move to. A final state moves nowhere: a contrary answer is a reconciliation item. */
export function nextStates(state: CounterpartyState): readonly CounterpartyState[] {
  switch (state) {
    // The resolver may find a prepared operation after a crash: never sent (cancelled), or sent
    // before the `sent` row was written cannot happen — `sent` is written first — but asking is
    // harmless, so whatever the counterparty knows is accepted.
    case 'prepared':
      return ['sent', 'cancelled', 'expired'];
    case 'sent':
      return ['pending', 'confirmed', 'refused', 'expired', 'unknown', 'cancelled'];
    case 'pending':
      return ['confirmed', 'refused', 'expired', 'unknown', 'cancelled'];
    case 'unknown':
      return ['pending', 'confirmed', 'refused', 'expired', 'cancelled', 'sent'];
    case 'confirmed':
    case 'refused':
    case 'expired':
    case 'cancelled':
      return [];
    default:
      throw missingCaseError(state);
  }
}

export class IllegalTransition extends Error {
  constructor(
    readonly from: CounterpartyState,
    readonly to: CounterpartyState,
  ) {
    super(`a counterparty operation cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransition';
  }
}

/** The state after `to`, or a throw: the frame never writes a change this function refused. */
export function transition(from: CounterpartyState, to: CounterpartyState): CounterpartyState {
  if (!nextStates(from).includes(to)) throw new IllegalTransition(from, to);
  return to;
}
