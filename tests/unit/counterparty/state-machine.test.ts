import { describe, expect, it } from 'vitest';
import { bookingOf, COUNTERPARTY_STATES, IllegalTransition, isFinal, nextStates, transition, type CounterpartyState } from '../../../electron/services/counterparty/state-machine';

describe('counterparty state machine', () => {
  it('goes prepared → sent → pending → confirmed, refused or expired, and unknown resolves', () => {
    expect(transition('prepared', 'sent')).toBe('sent');
    expect(transition('sent', 'pending')).toBe('pending');
    for (const end of ['confirmed', 'refused', 'expired'] as const) {
      expect(transition('pending', end)).toBe(end);
      expect(transition('unknown', end)).toBe(end);
    }
    expect(transition('sent', 'unknown')).toBe('unknown');
  });

  it('refuses every other change, final states included', () => {
    for (const from of COUNTERPARTY_STATES) {
      for (const to of COUNTERPARTY_STATES) {
        if (nextStates(from).includes(to)) continue;
        expect(() => transition(from, to)).toThrow(IllegalTransition);
      }
    }
    expect(() => transition('prepared', 'confirmed')).toThrow(/prepared to confirmed/);
    expect(() => transition('confirmed', 'refused')).toThrow(IllegalTransition);
  });

  it('final states move nowhere; only they post or void', () => {
    const finals = COUNTERPARTY_STATES.filter(isFinal);
    expect(finals).toEqual(['confirmed', 'refused', 'expired', 'cancelled']);
    for (const state of finals) expect(nextStates(state)).toEqual([]);
    const bookings = Object.fromEntries(COUNTERPARTY_STATES.map((state) => [state, bookingOf(state)]));
    expect(bookings).toEqual({
      prepared: 'keep',
      sent: 'keep',
      pending: 'keep',
      unknown: 'keep',
      confirmed: 'post',
      refused: 'void',
      expired: 'void',
      cancelled: 'void',
    });
  });

  it('is exhaustive: a state it does not know is an error, not a fall-through', () => {
    const stranger = 'lost' as CounterpartyState;
    expect(() => isFinal(stranger)).toThrow(/missing case/);
    expect(() => bookingOf(stranger)).toThrow(/missing case/);
    expect(() => nextStates(stranger)).toThrow(/missing case/);
  });
});
