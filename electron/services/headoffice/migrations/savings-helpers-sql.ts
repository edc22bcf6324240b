/**
 * The small pieces the savings functions share (HO migration 0012). None is granted to a
 * branch: they run inside the functions, as `ho_owner`, under the account's row lock where
 * they change something.
 */

/** First key of the advisory locks that serialise one operation id (second key: a hash of branch and id). */
export const SAVINGS_LOCK_SPACE = 0x484f5356; // 'HOSV'

const header = (signature: string, returns: string, volatility = 'VOLATILE', language = 'plpgsql') =>
  `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE ${language} ${volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

interface Helper {
  signature: string;
  sql: string;
}

const helpers: Helper[] = [
  {
    // plpgsql, not sql: an inlined sql function's constant cast of a bad number would fail at planning.
    signature: 'ho.savings_number_valid(text)',
    sql: `${header('ho.savings_number_valid(p_account text)', 'boolean', 'IMMUTABLE')}
AS $$
BEGIN
  IF p_account IS NULL OR p_account !~ '^[0-9]{11}$' THEN
    RETURN false;
  END IF;
  IF left(p_account, 9)::integer = 0 THEN
    RETURN false;
  END IF;
  -- ISO 7064 MOD 97-10 (shared/savings-account-number.ts): the whole number is 1 modulo 97.
  RETURN p_account::numeric % 97 = 1;
END $$`,
  },
  {
    // The account's home: the branch whose allocated range holds its serial. Where its rows live.
    signature: 'ho.savings_home(text)',
    sql: `${header('ho.savings_home(p_account text)', 'text', 'STABLE')}
AS $$
DECLARE v_serial integer;
BEGIN
  IF NOT ho.savings_number_valid(p_account) THEN
    RETURN NULL;
  END IF;
  v_serial := left(p_account, 9)::integer;
  RETURN (SELECT r.branch_code
            FROM (SELECT x.branch_code, x.last_serial FROM ho.savings_number_ranges x
                   WHERE x.first_serial <= v_serial ORDER BY x.first_serial DESC LIMIT 1) r
           WHERE r.last_serial >= v_serial);
END $$`,
  },
  {
    // Two requests with one operation id are served one after the other, so a resend that
    // overtakes the first attempt's commit still finds its answer instead of a key violation.
    signature: 'ho.savings_lock_operation(text, text)',
    sql: `${header('ho.savings_lock_operation(p_branch text, p_operation_id text)', 'void')}
AS $$
BEGIN
  IF p_operation_id IS NULL OR length(p_operation_id) NOT BETWEEN 1 AND 100 THEN
    RAISE EXCEPTION 'an operation id is made once per intent at the branch (1 to 100 characters)' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(${SAVINGS_LOCK_SPACE}, hashtext(p_branch || '/' || p_operation_id));
END $$`,
  },
  {
    // The first answer again, for the same request; another request under a used id is a fault at the branch.
    signature: 'ho.savings_repeat(ho.savings_operations, jsonb)',
    sql: `${header('ho.savings_repeat(p_op ho.savings_operations, p_request jsonb)', 'jsonb', 'STABLE')}
AS $$
BEGIN
  IF p_op.kind = 'cancelled-unseen' OR p_op.request = p_request THEN
    RETURN p_op.answer;
  END IF;
  RAISE EXCEPTION 'operation-id-reused: operation % was first sent as another request (%): a new intent takes a new id', p_op.operation_id, p_op.kind
    USING ERRCODE = 'unique_violation';
END $$`,
  },
  {
    // Days and months of the withdrawal limits, and the date interest is reckoned to, are head office's UTC ones.
    signature: 'ho.savings_today()',
    sql: `${header('ho.savings_today()', 'date', 'STABLE', 'sql')}
AS $$ SELECT (pg_catalog.now() AT TIME ZONE 'UTC')::date $$`,
  },
  {
    // The day the branch took the cash (its own date), but never inside a period whose interest is posted.
    signature: 'ho.savings_value_date(text, date)',
    sql: `${header('ho.savings_value_date(p_at text, p_posted_to date)', 'date', 'STABLE')}
AS $$
DECLARE v_day date;
BEGIN
  IF ho.instant(p_at) IS NOT NULL THEN
    v_day := left(p_at, 10)::date;
  ELSE
    v_day := ho.savings_today();
  END IF;
  RETURN greatest(v_day, p_posted_to + 1);
END $$`,
  },
  {
    // Fineract's dormancy: no customer activity for the product's period. Seen on read, kept on the next change.
    signature: 'ho.savings_effective_status(ho.savings_accounts, ho.savings_products)',
    sql: `${header('ho.savings_effective_status(p_account ho.savings_accounts, p_product ho.savings_products)', 'text', 'STABLE', 'sql')}
AS $$ SELECT CASE WHEN p_account.status = 'active'
                   AND p_account.last_activity_at + pg_catalog.make_interval(days => p_product.dormancy_days) <= pg_catalog.now()
                  THEN 'dormant' ELSE p_account.status END $$`,
  },
  {
    signature: 'ho.savings_change_status(ho.savings_accounts, text, text, text, text, text)',
    sql: `${header('ho.savings_change_status(p_account ho.savings_accounts, p_to text, p_block_type text, p_reason text, p_by_branch text, p_approver text)', 'ho.savings_accounts')}
AS $$
DECLARE v_account ho.savings_accounts;
BEGIN
  UPDATE ho.savings_accounts x
     SET status = p_to, block_type = p_block_type,
         closed_at = CASE WHEN p_to = 'closed' THEN pg_catalog.now() ELSE x.closed_at END,
         last_activity_at = CASE WHEN p_to = 'active' THEN pg_catalog.now() ELSE x.last_activity_at END
   WHERE x.branch_code = p_account.branch_code AND x.account_number = p_account.account_number
  RETURNING * INTO STRICT v_account;
  INSERT INTO ho.savings_status_changes (branch_code, account_number, from_status, to_status, reason, by_branch, approver)
  VALUES (p_account.branch_code, p_account.account_number, p_account.status, p_to, p_reason, p_by_branch, p_approver);
  RETURN v_account;
END $$`,
  },
  {
    // An account found dormant on a change is marked so, with its reason, before anything else happens to it.
    signature: 'ho.savings_settle_dormancy(ho.savings_accounts)',
    sql: `${header('ho.savings_settle_dormancy(p_account ho.savings_accounts)', 'ho.savings_accounts')}
AS $$
DECLARE v_product ho.savings_products;
BEGIN
  SELECT * INTO STRICT v_product FROM ho.savings_products p WHERE p.code = p_account.product_code;
  IF p_account.status = 'active' AND ho.savings_effective_status(p_account, v_product) = 'dormant' THEN
    RETURN ho.savings_change_status(p_account, 'dormant', NULL,
      format('no customer activity for %s days', v_product.dormancy_days), NULL, NULL);
  END IF;
  RETURN p_account;
END $$`,
  },
  {
    // Holds past their expiry give their amount back; the caller holds the account's row lock.
    signature: 'ho.savings_release_expired(text, text, timestamptz)',
    sql: `${header('ho.savings_release_expired(p_home text, p_account text, p_now timestamptz)', 'ho.savings_accounts')}
AS $$
DECLARE v_account ho.savings_accounts;
BEGIN
  WITH expired AS (
    UPDATE ho.savings_holds h SET status = 'expired', settled_at = p_now, settled_by = 'expiry'
     WHERE h.branch_code = p_home AND h.account_number = p_account AND h.status = 'reserved' AND h.expires_at <= p_now
    RETURNING h.amount
  )
  UPDATE ho.savings_accounts x SET held = x.held - (SELECT coalesce(sum(e.amount), 0) FROM expired e)
   WHERE x.branch_code = p_home AND x.account_number = p_account
  RETURNING * INTO STRICT v_account;
  RETURN v_account;
END $$`,
  },
  {
    // A passbook line and the balance it leaves, numbered in the order head office booked them.
    signature: 'ho.savings_append_line(text, text, text, bigint, date, text, text, text, date)',
    sql: `${header('ho.savings_append_line(p_home text, p_account text, p_kind text, p_amount bigint, p_value_date date, p_source_branch text, p_transfer_id text, p_operation_id text, p_period_end date)', 'ho.savings_lines')}
AS $$
DECLARE v_no integer; v_balance bigint; v_line ho.savings_lines;
BEGIN
  UPDATE ho.savings_accounts x
     SET lines = x.lines + 1, balance = x.balance + CASE WHEN p_kind = 'withdrawal' THEN -p_amount ELSE p_amount END
   WHERE x.branch_code = p_home AND x.account_number = p_account
  RETURNING x.lines, x.balance INTO STRICT v_no, v_balance;
  INSERT INTO ho.savings_lines (branch_code, account_number, line_no, kind, amount, balance_after, value_date, source_branch, transfer_id, operation_id, period_end)
  VALUES (p_home, p_account, v_no, p_kind, p_amount, v_balance, p_value_date, p_source_branch, p_transfer_id, p_operation_id, p_period_end)
  RETURNING * INTO v_line;
  RETURN v_line;
END $$`,
  },
  {
    // What a branch is shown of an account: the held amount counts only holds not yet past expiry.
    signature: 'ho.savings_account_json(ho.savings_accounts)',
    sql: `${header('ho.savings_account_json(p_account ho.savings_accounts)', 'jsonb', 'STABLE')}
AS $$
DECLARE v_product ho.savings_products; v_held bigint; v_holds jsonb;
BEGIN
  SELECT * INTO STRICT v_product FROM ho.savings_products p WHERE p.code = p_account.product_code;
  SELECT coalesce(sum(h.amount), 0),
         coalesce(jsonb_agg(jsonb_build_object('branch', h.hold_branch, 'operation_id', h.operation_id, 'purpose', h.purpose,
           'amount', h.amount, 'reserved_at', h.reserved_at, 'expires_at', h.expires_at) ORDER BY h.reserved_at, h.operation_id), '[]'::jsonb)
    INTO v_held, v_holds
    FROM ho.savings_holds h
   WHERE h.branch_code = p_account.branch_code AND h.account_number = p_account.account_number
     AND h.status = 'reserved' AND h.expires_at > pg_catalog.now();
  RETURN jsonb_build_object('account_number', p_account.account_number, 'home_branch', p_account.branch_code,
    'customer_id', p_account.customer_id, 'product_code', p_account.product_code, 'currency', v_product.currency,
    'kyc_tier', p_account.kyc_tier, 'status', ho.savings_effective_status(p_account, v_product), 'block_type', p_account.block_type,
    'balance', p_account.balance, 'held', v_held, 'available', p_account.balance - v_held, 'holds', v_holds,
    'lines', p_account.lines, 'interest_posted_to', p_account.interest_posted_to, 'opened_at', p_account.opened_at,
    'last_activity_at', p_account.last_activity_at, 'closed_at', p_account.closed_at);
END $$`,
  },
  {
    // Exact interest over [from, to] in minor units, rounded once, half to even (shared/savings-interest.ts
    // states the rule; the property test compares the two). Closed form of Σ daily closing balances:
    // days × opening balance + Σ over the period's lines of amount × days it stood to the period's end.
    signature: 'ho.savings_interest_due(text, text, integer, date, date)',
    sql: `${header('ho.savings_interest_due(p_home text, p_account text, p_rate_bp integer, p_from date, p_to date)', 'bigint', 'STABLE')}
AS $$
DECLARE v_balance_days numeric; v_n numeric; v_d numeric := 10000 * 365; v_q numeric; v_r numeric;
BEGIN
  IF p_to < p_from THEN
    RETURN 0;
  END IF;
  SELECT coalesce(sum(CASE WHEN l.value_date < p_from THEN (p_to - p_from + 1) ELSE (p_to - l.value_date + 1) END
                      * CASE WHEN l.kind = 'withdrawal' THEN -l.amount ELSE l.amount END), 0)
    INTO v_balance_days
    FROM ho.savings_lines l
   WHERE l.branch_code = p_home AND l.account_number = p_account AND l.value_date <= p_to;
  IF v_balance_days <= 0 THEN
    RETURN 0;
  END IF;
  v_n := v_balance_days * p_rate_bp;
  v_q := floor(v_n / v_d);
  v_r := v_n - v_q * v_d;
  IF 2 * v_r > v_d OR (2 * v_r = v_d AND v_q % 2 = 1) THEN
    v_q := v_q + 1;
  END IF;
  RETURN v_q::bigint;
END $$`,
  },
];

export const SAVINGS_HELPERS = helpers.map((h) => h.sql);
export const SAVINGS_HELPER_SIGNATURES = helpers.map((h) => h.signature);
