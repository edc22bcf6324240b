/**
 * Head office applies the branch's savings bookings as they replicate (HO migration 0012),
 * agreed with the branch side:
 * - a deposit is a posted transfer, code `savings-deposit`, reference = account number:
 *   credited once per transfer, since a transfer row is inserted once (its key) and a resent
 *   batch inserts nothing;
 * - a withdrawal is a pending transfer, code `savings-withdrawal`, reference = account number,
 *   operation_id = the hold's operation id; its post (flags 2) posts the hold, its void (flags 4)
 *   releases it. A post that finds its hold expired, released or never placed is posted all the
 *   same (the branch's booked cash is the truth) and raises an alarm for review.
 * Nothing is ever dropped: what cannot be applied is kept in `ho.savings_unapplied` with an alarm.
 *
 * It runs as a row trigger on ho.transfers whose WHEN clause PostgreSQL evaluates in C without
 * calling it: a sale or any other row costs the push one comparison, no function call.
 */

import { extendKindCheck } from './kind-check-sql';

export const SAVINGS_ALARM_KINDS = ['savings-unknown-account', 'savings-unknown-hold', 'savings-late-booking', 'savings-review', 'savings-unapplied'];

const header = (signature: string, returns = 'void') => `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

const keepUnapplied = `${header('ho.savings_keep_unapplied(p_branch text, p_id text, p_seq bigint, p_account text, p_amount bigint, p_flags integer, p_reason text, p_kind text, p_detail text)')}
AS $$
BEGIN
  INSERT INTO ho.savings_unapplied (branch_code, transfer_id, seq, account_number, amount, flags, reason)
  VALUES (p_branch, p_id, p_seq, p_account, p_amount, p_flags, p_reason) ON CONFLICT DO NOTHING;
  INSERT INTO ho.alarms (branch_code, kind, seq, detail) VALUES (p_branch, p_kind, p_seq, p_detail);
END $$`;

const review = `IF cardinality(v_notes) > 0 THEN
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'savings-review', p_seq, format('%s %s on account %s: %s', v_what, p_id, v_number, array_to_string(v_notes, '; ')));
  END IF;`;

const creditDeposit = `${header('ho.savings_credit_deposit(p_branch text, p_seq bigint, p_id text, p_operation_id text, p_amount bigint, p_currency text, p_reference text, p_at text)')}
AS $$
DECLARE
  v_number text := p_reference; v_home text := ho.savings_home(p_reference); v_what text := 'deposit';
  v_account ho.savings_accounts; v_product ho.savings_products; v_line ho.savings_lines; v_notes text[] := '{}';
BEGIN
  SELECT * INTO v_account FROM ho.savings_accounts x WHERE x.branch_code = v_home AND x.account_number = v_number FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ho.savings_keep_unapplied(p_branch, p_id, p_seq, p_reference, p_amount, 0, 'unknown-account', 'savings-unknown-account',
      format('deposit %s of %s %s for account %s, which head office does not hold: kept for review', p_id, p_amount, p_currency, coalesce(p_reference, '(none)')));
    RETURN;
  END IF;
  SELECT * INTO STRICT v_product FROM ho.savings_products p WHERE p.code = v_account.product_code;
  IF p_currency IS DISTINCT FROM v_product.currency THEN
    PERFORM ho.savings_keep_unapplied(p_branch, p_id, p_seq, p_reference, p_amount, 0, 'currency-mismatch', 'savings-review',
      format('deposit %s of %s %s for account %s, kept in %s: not credited, kept for review', p_id, p_amount, p_currency, v_number, v_product.currency));
    RETURN;
  END IF;
  v_account := ho.savings_settle_dormancy(v_account);
  v_line := ho.savings_append_line(v_home, v_number, 'deposit', p_amount, ho.savings_value_date(p_at, v_account.interest_posted_to),
    p_branch, p_id, p_operation_id, NULL);
  IF v_account.status = 'submitted' THEN
    v_account := ho.savings_change_status(v_account, 'active', NULL, 'opening deposit received', p_branch, NULL);
    IF p_amount < v_product.min_opening_deposit THEN
      v_notes := v_notes || format('opening deposit below the product''s minimum of %s', v_product.min_opening_deposit);
    END IF;
  ELSIF v_account.status = 'active' THEN
    UPDATE ho.savings_accounts x SET last_activity_at = pg_catalog.now() WHERE x.branch_code = v_home AND x.account_number = v_number;
  ELSIF v_account.status = 'closed' THEN
    v_notes := v_notes || 'credited to a closed account'::text;
  ELSIF v_account.status = 'blocked' AND v_account.block_type IN ('credit', 'all') THEN
    v_notes := v_notes || 'credited to an account blocked for credits'::text;
  END IF;
  IF v_line.balance_after > coalesce((v_product.max_balance ->> v_account.kyc_tier)::bigint, 0) THEN
    v_notes := v_notes || format('balance %s above the maximum for KYC tier %s', v_line.balance_after, v_account.kyc_tier);
  END IF;
  ${review}
END $$`;

const settleBooking = `${header('ho.savings_settle_booking(p_branch text, p_seq bigint, p_id text, p_amount bigint, p_code text, p_flags integer, p_pending_id text, p_at text)')}
AS $$
DECLARE
  v_pending_op text; v_pending_code text; v_pending_reference text; v_op ho.savings_operations;
  v_home text; v_number text; v_account ho.savings_accounts; v_hold ho.savings_holds; v_has_hold boolean;
  v_line ho.savings_lines; v_notes text[] := '{}'; v_what text := 'withdrawal';
BEGIN
  SELECT t.operation_id, t.code, t.reference INTO v_pending_op, v_pending_code, v_pending_reference
    FROM ho.transfers t WHERE t.branch_code = p_branch AND t.id = p_pending_id;
  IF v_pending_code IS DISTINCT FROM 'savings-withdrawal' THEN
    IF p_code = 'savings-withdrawal' THEN
      PERFORM ho.savings_keep_unapplied(p_branch, p_id, p_seq, NULL, p_amount, p_flags, 'pending-transfer-unknown', 'savings-unknown-hold',
        format('%s of savings withdrawal %s: head office holds no savings pending transfer %s', CASE p_flags WHEN 2 THEN 'payment' ELSE 'void' END, p_id, p_pending_id));
    END IF;
    RETURN;
  END IF;
  -- The account the hold was placed on; the pending transfer's reference if head office never saw the reserve.
  SELECT * INTO v_op FROM ho.savings_operations o WHERE o.branch_code = p_branch AND o.operation_id = v_pending_op AND o.account_number IS NOT NULL;
  v_number := coalesce(v_op.account_number, v_pending_reference);
  v_home := coalesce(v_op.account_branch, ho.savings_home(v_pending_reference));
  SELECT * INTO v_account FROM ho.savings_accounts x WHERE x.branch_code = v_home AND x.account_number = v_number FOR UPDATE;
  IF NOT FOUND THEN
    IF p_flags = 2 THEN
      PERFORM ho.savings_keep_unapplied(p_branch, p_id, p_seq, v_number, p_amount, p_flags, 'unknown-account', 'savings-unknown-account',
        format('withdrawal %s of %s paid for account %s, which head office does not hold: kept for review', p_id, p_amount, coalesce(v_number, '(none)')));
    END IF;
    RETURN;
  END IF;
  SELECT * INTO v_hold FROM ho.savings_holds h
   WHERE h.branch_code = v_home AND h.account_number = v_number AND h.hold_branch = p_branch AND h.operation_id = v_pending_op FOR UPDATE;
  v_has_hold := FOUND;
  IF v_has_hold AND v_hold.status = 'reserved' THEN
    UPDATE ho.savings_holds h SET status = CASE WHEN p_flags = 2 THEN 'posted' ELSE 'released' END, settled_at = pg_catalog.now(), settled_by = p_id
     WHERE h.branch_code = v_home AND h.account_number = v_number AND h.hold_branch = p_branch AND h.operation_id = v_pending_op;
    UPDATE ho.savings_accounts x SET held = x.held - v_hold.amount WHERE x.branch_code = v_home AND x.account_number = v_number;
  END IF;
  IF p_flags = 4 THEN
    RETURN;
  END IF;
  IF v_has_hold AND v_hold.status = 'posted' THEN
    PERFORM ho.savings_keep_unapplied(p_branch, p_id, p_seq, v_number, p_amount, p_flags, 'hold-already-posted', 'savings-review',
      format('withdrawal %s: hold %s on account %s was already posted by %s; not posted twice, kept for review', p_id, v_pending_op, v_number, v_hold.settled_by));
    RETURN;
  END IF;
  IF NOT v_has_hold OR v_hold.status <> 'reserved' OR v_hold.expires_at <= pg_catalog.now() THEN
    IF v_has_hold AND v_hold.status <> 'reserved' THEN
      UPDATE ho.savings_holds h SET status = 'posted', settled_by = p_id
       WHERE h.branch_code = v_home AND h.account_number = v_number AND h.hold_branch = p_branch AND h.operation_id = v_pending_op;
    END IF;
    INSERT INTO ho.alarms (branch_code, kind, seq, detail)
    VALUES (p_branch, 'savings-late-booking', p_seq, format(
      'withdrawal %s paid %s from account %s (booked at the branch %s) after its hold %s: posted all the same, the branch''s booked cash is the truth; review',
      p_id, p_amount, v_number, p_at,
      CASE WHEN NOT v_has_hold THEN 'was never placed at head office'
           WHEN v_hold.status = 'released' THEN format('had been released (%s)', v_hold.settled_by)
           ELSE format('had expired at %s', v_hold.expires_at) END));
  END IF;
  IF v_has_hold AND v_hold.amount <> p_amount THEN
    v_notes := v_notes || format('paid %s against a hold of %s', p_amount, v_hold.amount);
  END IF;
  v_line := ho.savings_append_line(v_home, v_number, 'withdrawal', p_amount, ho.savings_value_date(p_at, v_account.interest_posted_to),
    p_branch, p_id, v_pending_op, NULL);
  UPDATE ho.savings_accounts x SET last_activity_at = pg_catalog.now()
   WHERE x.branch_code = v_home AND x.account_number = v_number AND x.status = 'active';
  IF v_line.balance_after < 0 THEN
    v_notes := v_notes || format('balance now %s: overdrawn', v_line.balance_after);
  END IF;
  IF v_has_hold AND v_hold.purpose = 'closing' THEN
    IF v_line.balance_after = 0 THEN
      SELECT * INTO STRICT v_account FROM ho.savings_accounts x WHERE x.branch_code = v_home AND x.account_number = v_number;
      PERFORM ho.savings_change_status(v_account, 'closed', NULL, 'closing payout made at the counter', p_branch, NULL);
    ELSE
      v_notes := v_notes || format('closing payout left a balance of %s: account left open', v_line.balance_after);
    END IF;
  END IF;
  ${review}
END $$`;

const booking = `${header('ho.savings_booking()', 'trigger')}
AS $$
BEGIN
  BEGIN
    IF NEW.flags = 0 AND NEW.code = 'savings-deposit' THEN
      PERFORM ho.savings_credit_deposit(NEW.branch_code, NEW.seq, NEW.id, NEW.operation_id, NEW.amount, NEW.currency, NEW.reference, NEW.at);
    ELSIF NEW.flags IN (2, 4) THEN
      PERFORM ho.savings_settle_booking(NEW.branch_code, NEW.seq, NEW.id, NEW.amount, NEW.code, NEW.flags, NEW.pending_id, NEW.at);
    END IF;
  EXCEPTION
    -- Waits and cancellations are the push's own to fail on (the branch resends).
    WHEN deadlock_detected OR lock_not_available OR serialization_failure OR query_canceled THEN
      RAISE;
    -- A savings fault never costs the branch its push: the booking is kept, with an alarm.
    WHEN OTHERS THEN
      PERFORM ho.savings_keep_unapplied(NEW.branch_code, NEW.id, NEW.seq, NEW.reference, NEW.amount, NEW.flags, 'fault: ' || SQLERRM,
        'savings-unapplied', format('savings booking %s could not be applied (%s): kept for review', NEW.id, SQLERRM));
  END;
  RETURN NULL;
END $$`;

/** HO migration 0012's deposit credit, as released: a later migration that replaces it restores it on the way down. */
export const SAVINGS_CREDIT_DEPOSIT_0012 = creditDeposit;

export const SAVINGS_BOOKING_SIGNATURES = [
  'ho.savings_keep_unapplied(text, text, bigint, text, bigint, integer, text, text, text)',
  'ho.savings_credit_deposit(text, bigint, text, text, bigint, text, text, text)',
  'ho.savings_settle_booking(text, bigint, text, bigint, text, integer, text, text)',
  'ho.savings_booking()',
];

export const SAVINGS_BOOKING = [
  extendKindCheck('alarms', 'kind', 'alarms_kind_check', SAVINGS_ALARM_KINDS),
  keepUnapplied,
  creditDeposit,
  settleBooking,
  booking,
];

/** After the functions have their owner: the trigger itself. */
export const SAVINGS_BOOKING_TRIGGER = `CREATE TRIGGER transfers_savings AFTER INSERT ON ho.transfers FOR EACH ROW
  WHEN (NEW.code IN ('savings-deposit', 'savings-withdrawal') OR NEW.flags IN (2, 4))
  EXECUTE FUNCTION ho.savings_booking()`;
