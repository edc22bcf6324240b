/**
 * Head office settles money orders from the branch's bookings as they replicate (HO migration
 * 0015), agreed with the branch side (MONEY-ORDERS-SPEC): a payout (code `money-order-payout`) or a
 * refund (`money-order-refund`, cancel or reimburse) is a pending transfer the counterparty frame
 * books before asking for the lock, and whose id the lock names (`p_pending_transfer_id`). Its
 * post (flags 2) settles the lock: the order becomes `paid`, `cancelled` or `reimbursed`, with the
 * branch and the time it booked; its void (flags 4) releases the lock (the order is payable again).
 *
 * The branch's booked cash is the truth: a post arriving after its lock lapsed or was released is
 * applied all the same, with a `money-order-late-booking` alarm; a post for an order another lock
 * already settled is kept (the transfer in ho.transfers, a row in ho.money_order_unapplied) with a
 * `money-order-double-payout` alarm — never silently dropped, never overwriting the first.
 *
 * A row trigger on ho.transfers whose WHEN clause PostgreSQL evaluates without calling anything:
 * every push path inserts there (the column push, the signed push, the lean push of HO 0013), and
 * any other row costs the push one comparison.
 */

export const MONEY_ORDER_SETTLEMENT_ALARM_KINDS = ['money-order-late-booking', 'money-order-double-payout', 'money-order-unapplied', 'money-order-review'];

/** The transfer codes that settle a lock, agreed with the branch side. */
export const MONEY_ORDER_SETTLING_CODES = ['money-order-payout', 'money-order-refund'] as const;

const header = (signature: string, returns = 'void') => `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

const keepUnapplied = `${header('ho.money_order_keep_unapplied(p_branch text, p_id text, p_seq bigint, p_number text, p_amount bigint, p_flags integer, p_reason text, p_kind text, p_detail text)')}
AS $$
BEGIN
  INSERT INTO ho.money_order_unapplied (branch_code, transfer_id, seq, number, amount, flags, reason)
  VALUES (p_branch, p_id, p_seq, p_number, p_amount, p_flags, p_reason) ON CONFLICT DO NOTHING;
  INSERT INTO ho.alarms (branch_code, kind, seq, detail) VALUES (p_branch, p_kind, p_seq, p_detail);
END $$`;

const settled = { pay: 'paid', cancel: 'cancelled', reimburse: 'reimbursed' } as const;
const code = { pay: 'money-order-payout', cancel: 'money-order-refund', reimburse: 'money-order-refund' } as const;

const settle = `${header('ho.money_order_settle(p_branch text, p_seq bigint, p_id text, p_amount bigint, p_code text, p_flags integer, p_pending_id text, p_reference text, p_at text)')}
AS $$
DECLARE
  v_found ho.money_order_locks; v_lock ho.money_order_locks; v_order ho.money_orders; v_current boolean; v_late text; v_status text; v_code text;
BEGIN
  SELECT * INTO v_found FROM ho.money_order_locks l WHERE l.branch_code = p_branch AND l.pending_transfer_id = p_pending_id;
  IF NOT FOUND THEN
    -- A void of a reservation head office never locked is the branch giving up before asking: nothing to release.
    IF p_flags = 2 THEN
      PERFORM ho.money_order_keep_unapplied(p_branch, p_id, p_seq, p_reference, p_amount, p_flags, 'no-lock', 'money-order-unapplied',
        format('%s %s of %s for money order %s: head office granted no lock for pending transfer %s; kept for review',
          p_code, p_id, p_amount, coalesce(p_reference, '(none)'), coalesce(p_pending_id, '(none)')));
    END IF;
    RETURN;
  END IF;
  -- The order's row first, then the lock's: the order every lock and unlock takes them in.
  SELECT * INTO STRICT v_order FROM ho.money_orders o WHERE o.branch_code = v_found.order_branch AND o.number = v_found.number FOR UPDATE;
  SELECT * INTO STRICT v_lock FROM ho.money_order_locks l WHERE l.branch_code = p_branch AND l.operation_id = v_found.operation_id FOR UPDATE;
  v_current := v_order.status = 'locked' AND v_order.lock_branch = p_branch AND v_order.lock_operation_id = v_lock.operation_id;

  IF p_flags = 4 THEN
    IF v_lock.status = 'held' THEN
      IF v_current THEN
        UPDATE ho.money_orders o SET status = 'available', lock_branch = NULL, lock_operation_id = NULL, locked_at = NULL, locked_until = NULL
         WHERE o.branch_code = v_order.branch_code AND o.number = v_order.number;
      END IF;
      UPDATE ho.money_order_locks l SET status = 'released', released_at = pg_catalog.now(), released_by = p_id
       WHERE l.branch_code = p_branch AND l.operation_id = v_lock.operation_id;
    END IF;
    RETURN;
  END IF;

  IF v_lock.status = 'settled' THEN
    PERFORM ho.money_order_keep_unapplied(p_branch, p_id, p_seq, v_lock.number, p_amount, p_flags, 'lock-already-settled', 'money-order-review',
      format('%s %s: lock %s on money order %s was already settled by transfer %s; not applied twice, kept for review',
        p_code, p_id, v_lock.operation_id, v_lock.number, v_lock.settled_transfer_id));
    RETURN;
  END IF;
  UPDATE ho.money_order_locks l SET status = 'settled', settled_at = pg_catalog.now(), settled_transfer_id = p_id
   WHERE l.branch_code = p_branch AND l.operation_id = v_lock.operation_id;

  IF v_order.status IN ('paid', 'cancelled', 'reimbursed') THEN
    PERFORM ho.money_order_keep_unapplied(p_branch, p_id, p_seq, v_order.number, p_amount, p_flags, 'double-payout', 'money-order-double-payout',
      format('money order %s was already %s at branch %s (%s); branch %s booked %s %s of %s under lock %s as well: kept for review',
        v_order.number, v_order.status, v_order.settled_branch, v_order.settled_at, p_branch, p_code, p_id, p_amount, v_lock.operation_id));
    RETURN;
  END IF;

  v_late := CASE WHEN v_lock.status = 'released' THEN format('had been released (%s)', v_lock.released_by)
                 WHEN NOT v_current THEN format('had lapsed at %s and the order was no longer held under it', v_lock.held_until)
                 WHEN v_order.locked_until <= pg_catalog.now() THEN format('had lapsed at %s', v_lock.held_until) END;
  v_status := CASE v_lock.purpose ${Object.entries(settled).map(([purpose, status]) => `WHEN '${purpose}' THEN '${status}'`).join(' ')} END;
  UPDATE ho.money_orders o SET status = v_status, settled_branch = p_branch, settled_operation_id = v_lock.operation_id, settled_transfer_id = p_id,
         settled_at = coalesce(ho.instant(p_at), pg_catalog.now()), lock_branch = NULL, lock_operation_id = NULL, locked_at = NULL, locked_until = NULL
   WHERE o.branch_code = v_order.branch_code AND o.number = v_order.number;
  IF v_late IS NOT NULL THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'money-order-late-booking', p_seq, format(
      'money order %s %s by branch %s (transfer %s, booked at the branch %s) after its lock %s %s: applied all the same, the branch''s booked cash is the truth; review',
      v_order.number, v_status, p_branch, p_id, p_at, v_lock.operation_id, v_late));
  END IF;
  v_code := CASE v_lock.purpose ${Object.entries(code).map(([purpose, c]) => `WHEN '${purpose}' THEN '${c}'`).join(' ')} END;
  IF p_amount <> v_lock.amount OR p_code <> v_code THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'money-order-review', p_seq, format('money order %s: lock %s to %s %s was settled by %s %s of %s',
      v_order.number, v_lock.operation_id, v_lock.purpose, v_lock.amount, p_code, p_id, p_amount));
  END IF;
END $$`;

const booking = `${header('ho.money_order_booking()', 'trigger')}
AS $$
BEGIN
  BEGIN
    PERFORM ho.money_order_settle(NEW.branch_code, NEW.seq, NEW.id, NEW.amount, NEW.code, NEW.flags, NEW.pending_id, NEW.reference, NEW.at);
  EXCEPTION
    -- Waits and cancellations are the push's own to fail on (the branch resends).
    WHEN deadlock_detected OR lock_not_available OR serialization_failure OR query_canceled THEN
      RAISE;
    -- A money-order fault never costs the branch its push: the booking is kept, with an alarm.
    WHEN OTHERS THEN
      PERFORM ho.money_order_keep_unapplied(NEW.branch_code, NEW.id, NEW.seq, NEW.reference, NEW.amount, NEW.flags, 'fault: ' || SQLERRM,
        'money-order-unapplied', format('money order booking %s could not be applied (%s): kept for review', NEW.id, SQLERRM));
  END;
  RETURN NULL;
END $$`;

export const MONEY_ORDER_SETTLEMENT_SIGNATURES = [
  'ho.money_order_keep_unapplied(text, text, bigint, text, bigint, integer, text, text, text)',
  'ho.money_order_settle(text, bigint, text, bigint, text, integer, text, text, text)',
  'ho.money_order_booking()',
];

export const MONEY_ORDER_SETTLEMENT = [keepUnapplied, settle, booking];

/** After the functions have their owner: the trigger itself. */
export const MONEY_ORDER_SETTLEMENT_TRIGGER = `CREATE TRIGGER transfers_money_orders AFTER INSERT ON ho.transfers FOR EACH ROW
  WHEN (NEW.flags IN (2, 4) AND NEW.code IN (${MONEY_ORDER_SETTLING_CODES.map((c) => `'${c}'`).join(', ')}))
  EXECUTE FUNCTION ho.money_order_booking()`;
