// The counterparty frame through the contract (tests/support/counter-fixture.ts): the waiting list
// per role, asking again, handing over only a confirmed payout, a contrary answer becoming a
// reconciliation item a supervisor settles (never without approval), bad input, and the day close
// refused while an operation waits.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { CounterpartyUnreachable, type Counterparty } from '../../../electron/services/counterparty/counterparty-port';
import { accountFor } from '../../../electron/services/ledger/accounts';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { CounterpartyBook } from '../../support/counterparty-book';
import { openDemoTill, type OpenTill } from '../../support/trading-day';

const HOLD_MS = 60_000;

describe('counterparty.* through the router', () => {
  let fixture: CounterFixture;
  let till: OpenTill;
  let now: number;
  let linkUp: boolean;
  let loseNextReply: boolean;
  let book: CounterpartyBook;
  let tokens: Record<'hassan' | 'amina' | 'omar' | 'fatouma' | 'ismail', string>;

  beforeEach(async () => {
    now = Date.now();
    linkUp = true;
    loseNextReply = false;
    book = new CounterpartyBook(() => now);
    // The resolver looks once at start, then not again during the test: each step here is explicit.
    fixture = await startCounter({ clock: { now: () => new Date(now) }, counterpartyTiming: { tickMs: 3_600_000 } });
    const port: Counterparty<{ amount: number }> = {
      send: async (id, request, expiresAt) => {
        if (!linkUp) throw new CounterpartyUnreachable('link down');
        const answer = book.send(id, request, expiresAt);
        if (loseNextReply) {
          loseNextReply = false;
          throw new CounterpartyUnreachable('reply lost');
        }
        return answer;
      },
      ask: async (id) => {
        if (!linkUp) throw new CounterpartyUnreachable('link down');
        return book.ask(id);
      },
      cancel: async (id) => {
        if (!linkUp) throw new CounterpartyUnreachable('link down');
        return book.cancel(id);
      },
    };
    fixture.counter.counterparty!.register({ kind: 'test-payout', counterparty: 'head-office', port, paysOut: true, holdMs: HOLD_MS });
    till = await openDemoTill(fixture);
    tokens = {
      hassan: await fixture.signIn('hassan', '5678'),
      amina: till.clerk,
      omar: await fixture.signIn('omar', '4321'),
      fatouma: await fixture.signIn('fatouma', '2468'),
      ismail: await fixture.signIn('ismail', '9012'),
    };
  });
  afterEach(() => fixture.close());

  /** A payout from Amina's till (or, for Omar, who has no till, from the safe), prepared and sent. */
  async function payout(operator: 'amina' | 'omar', amount: number) {
    const frame = fixture.counter.counterparty!;
    const credit = operator === 'amina' ? accountFor.tillCash(till.sessionId, 'G1', 'DJF') : accountFor.safe('DJF');
    const prepared = frame.prepare(
      'test-payout',
      { operationId: uuid7(), tillSessionId: operator === 'amina' ? till.sessionId : null, operator, amount, currency: 'DJF' },
      { amount },
      (op) => op.transfer({ debit: accountFor.headOffice('DJF'), credit, amount, currency: 'DJF', code: 'test-payout', phase: 'pending' }),
    ).result;
    return frame.execute(prepared.operationId, operator);
  }

  const waitingOf = async (who: keyof typeof tokens) => (await fixture.ok('counterparty.waiting', {}, tokens[who])).operations.map((o) => o.operationId);

  it('lists a clerk’s own open operations to her, the branch’s to a supervisor and an auditor, and nothing to a technician', async () => {
    loseNextReply = true;
    const mine = await payout('amina', 5_000);
    expect(mine.state).toBe('unknown');
    expect(mine.mayPayOut).toBe(false);
    linkUp = false;
    const omars = await payout('omar', 7_000);
    expect(omars.state).toBe('unknown');
    linkUp = true;
    const decided = await payout('amina', 1_000); // confirmed and handed over at once: not waiting
    expect(decided).toMatchObject({ state: 'confirmed', toHandOver: false });

    expect(await waitingOf('amina')).toEqual([mine.operationId]);
    expect(await waitingOf('omar')).toEqual([omars.operationId]);
    expect(await waitingOf('hassan')).toEqual([mine.operationId, omars.operationId]);
    expect(await waitingOf('fatouma')).toEqual([mine.operationId, omars.operationId]);
    expect(errorCode(await fixture.call('counterparty.waiting', {}, tokens.ismail))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await fixture.call('counterparty.waiting', {}))).toBe('NO_SESSION');

    // A clerk cannot ask about, cancel or pay another clerk's operation.
    const other = await fixture.call('counterparty.resolveNow', { operationId: omars.operationId }, tokens.amina);
    expect(other.ok ? null : other.error.details?.rule).toBe('not-your-operation');
  });

  it('asks again by the same id: a lost reply resolves to what head office did, and the cash is handed over once', async () => {
    loseNextReply = true;
    const lost = await payout('amina', 5_000);
    expect(lost.state).toBe('unknown');
    expect(book.acted).toEqual([lost.operationId]);
    const handOverEarly = await fixture.call('counterparty.handOver', { operationId: lost.operationId }, tokens.amina);
    expect(handOverEarly.ok ? null : handOverEarly.error.details?.rule).toBe('counterparty-not-confirmed');

    const asked = await fixture.ok('counterparty.resolveNow', { operationId: lost.operationId }, tokens.amina);
    expect(asked).toMatchObject({ state: 'confirmed', toHandOver: true, mayPayOut: true, counterpartyReference: 'CP-000001' });
    expect(book.acted).toEqual([lost.operationId]);
    expect(await waitingOf('amina')).toEqual([lost.operationId]);
    expect(await fixture.ok('counterparty.handOver', { operationId: lost.operationId }, tokens.amina)).toMatchObject({ toHandOver: false, mayPayOut: false });
    expect(errorCode(await fixture.call('counterparty.handOver', { operationId: lost.operationId }, tokens.amina))).toBe('CONFLICT');
    expect(await waitingOf('amina')).toEqual([]);
  });

  it('cancels before paying: head office drops it and the reservation is voided', async () => {
    book.decide = () => 'hold';
    const held = await payout('amina', 3_000);
    expect(held.state).toBe('pending');
    const cancelled = await fixture.ok('counterparty.cancel', { operationId: held.operationId }, tokens.amina);
    expect(cancelled.state).toBe('cancelled');
    expect(book.entries.get(held.operationId)?.state).toBe('cancelled');
    expect(errorCode(await fixture.call('counterparty.cancel', { operationId: held.operationId }, tokens.amina))).toBe('RULE_BROKEN');
  });

  it('turns a confirmation that comes after a local expiry into a reconciliation item, settled only with a supervisor’s approval', async () => {
    loseNextReply = true;
    const lost = await payout('amina', 4_000);
    linkUp = false;
    now += HOLD_MS + 1;
    // Past its hold, unreachable: voided here, still asked.
    expect(await fixture.ok('counterparty.resolveNow', { operationId: lost.operationId }, tokens.amina)).toMatchObject({ state: 'expired', counterpartyKnows: false });
    linkUp = true;
    expect(await fixture.ok('counterparty.resolveNow', { operationId: lost.operationId }, tokens.hassan)).toMatchObject({ state: 'expired', counterpartyKnows: true });

    const { items } = await fixture.ok('counterparty.reconciliations', {}, tokens.hassan);
    expect(items).toEqual([expect.objectContaining({ operationId: lost.operationId, booked: 'expired', counterpartySays: 'confirmed', settlement: null })]);
    expect(errorCode(await fixture.call('counterparty.reconciliations', {}, tokens.amina))).toBe('FORBIDDEN_ROLE');

    const settlementId = uuid7();
    const request = { reconciliationId: items[0]!.id, settlementId, reason: 'head office confirmed after the hold expired here' };
    expect(errorCode(await fixture.call('counterparty.settle', request, tokens.amina))).toBe('APPROVAL_REQUIRED');
    expect(errorCode(await fixture.call('counterparty.settle', request, tokens.amina, { username: 'omar', secret: '4321' }))).toBe('APPROVAL_REFUSED');
    const settled = await fixture.call('counterparty.settle', request, tokens.amina, { username: 'hassan', secret: '5678' });
    expect(settled.ok ? settled.result : settled.error).toMatchObject({ settlement: { operationId: settlementId, settledBy: 'amina', approver: 'hassan' }, replayed: false });
    expect(await fixture.ok('counterparty.settle', request, tokens.hassan)).toMatchObject({ replayed: true });
    const again = await fixture.call('counterparty.settle', { ...request, settlementId: uuid7() }, tokens.hassan);
    expect(again.ok ? null : again.error.details?.rule).toBe('already-settled');

    // An attributed entry, never a till changed after the fact: the till side went to suspense.
    const db = new Database(fixture.counter.databaseFile, { readonly: true });
    try {
      const rows = db
        .prepare("SELECT t.debit_account_id, t.credit_account_id, t.amount, t.operator, t.approver, t.reason, t.flags FROM ledger_transfers t WHERE t.operation_id = ?")
        .all(settlementId);
      expect(rows).toEqual([
        { debit_account_id: 'head-office:DJF', credit_account_id: 'suspense:DJF', amount: 4_000, operator: 'amina', approver: 'hassan', reason: request.reason, flags: 0 },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses bad input with its field, and an unknown id as not found', async () => {
    const bad = await fixture.call('counterparty.resolveNow', { operationId: 'not-a-uuid' }, tokens.amina);
    expect(errorCode(bad)).toBe('INVALID_INPUT');
    const extra = await fixture.call('counterparty.cancel', { operationId: uuid7(), force: true }, tokens.amina);
    expect(errorCode(extra)).toBe('INVALID_INPUT');
    const noReason = await fixture.call('counterparty.settle', { reconciliationId: uuid7(), settlementId: uuid7(), reason: '' }, tokens.hassan);
    expect(noReason.ok ? null : (noReason.error.details?.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(['reason']);
    const bidi = await fixture.call('counterparty.settle', { reconciliationId: uuid7(), settlementId: uuid7(), reason: 'ok \u202e reversed' }, tokens.hassan);
    expect(errorCode(bidi)).toBe('INVALID_INPUT');
    const unknown = await fixture.call('counterparty.resolveNow', { operationId: uuid7() }, tokens.amina);
    expect(unknown.ok ? null : unknown.error.details?.rule).toBe('counterparty-operation-not-found');
    const noItem = await fixture.call('counterparty.settle', { reconciliationId: uuid7(), settlementId: uuid7(), reason: 'because' }, tokens.hassan);
    expect(noItem.ok ? null : noItem.error.details?.rule).toBe('reconciliation-not-found');
  });

  it('refuses the day close while an operation waits, and lists it in the preview', async () => {
    linkUp = false;
    const waiting = await payout('omar', 2_000);
    const preview = await fixture.ok('day.preview', {}, tokens.hassan);
    expect(preview.counterpartyOpen.map((o) => o.operationId)).toEqual([waiting.operationId]);
    const close = await fixture.call('day.close', { operationId: uuid7(), safeCount: [{ denomination: 1000, quantity: 1 }] }, tokens.hassan);
    expect(close.ok ? null : close.error.details?.rule).toBe('counterparty-operations-open');
  });
});
