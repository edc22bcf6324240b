/**
 * What a branch asks of head office about savings (HO migration 0012): open, read, reserve,
 * release, "what happened", close, reactivate. Each has a body (`ho.savings_<name>_for`, not
 * granted) and a branch-argument door (`ho.savings_<name>`, granted to `ho_branch`) that checks
 * the code against the caller's role first, as migration 0010's forms do.
 *
 * Every request that changes something carries the branch's operation id (made once per intent,
 * reused on every retry): the first answer is kept in `ho.savings_operations` and a repeat gets it
 * back, a refusal included; the same id with another request is refused (operation-id-reused).
 */

/** Why a reserve (or a close) is refused: codes the branch puts into words. */
export const SAVINGS_REFUSALS = [
  'unknown-account',
  'account-closed',
  'account-blocked',
  'account-dormant',
  'account-not-active',
  'insufficient-available',
  'below-minimum-balance',
  'above-daily-limit',
  'above-monthly-limit',
  'holds-outstanding',
  'cancelled',
] as const;

/** Why an opening is refused. */
export const SAVINGS_OPEN_REFUSALS = ['bad-account-number', 'number-not-in-branch-range', 'unknown-product', 'unknown-kyc-tier', 'account-number-taken'] as const;

const header = (signature: string, volatility = 'VOLATILE') => `CREATE FUNCTION ${signature} RETURNS jsonb
LANGUAGE plpgsql ${volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

const refused = (reason: string) =>
  `jsonb_build_object('outcome', 'refused', 'reason', ${reason}, 'operation_id', p_operation_id, 'account_number', p_account_number)`;

/** The account row, locked: what every change below starts from. */
const lockAccount = `v_home := ho.savings_home(p_account_number);
  SELECT * INTO v_account FROM ho.savings_accounts x WHERE x.branch_code = v_home AND x.account_number = p_account_number FOR UPDATE;`;

const open = `${header('ho.savings_open_for(p_branch text, p_operation_id text, p_account_number text, p_customer_id uuid, p_product_code text, p_kyc_tier text, p_opened_at text)')}
AS $$
DECLARE
  v_request jsonb := jsonb_build_object('kind', 'open', 'account_number', p_account_number, 'customer_id', p_customer_id,
    'product_code', p_product_code, 'kyc_tier', p_kyc_tier, 'opened_at', p_opened_at);
  v_op ho.savings_operations; v_answer jsonb; v_home text; v_product ho.savings_products; v_at timestamptz;
  v_account ho.savings_accounts; v_reason text;
BEGIN
  PERFORM ho.savings_lock_operation(p_branch, p_operation_id);
  SELECT * INTO v_op FROM ho.savings_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF FOUND THEN
    RETURN ho.savings_repeat(v_op, v_request);
  END IF;
  v_at := ho.instant(p_opened_at);
  IF v_at IS NULL OR p_customer_id IS NULL OR coalesce(p_kyc_tier, '') = '' THEN
    RAISE EXCEPTION 'an account is opened for a customer id and a KYC tier, at a time with its UTC offset' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO v_product FROM ho.savings_products p WHERE p.code = p_product_code;
  v_home := ho.savings_home(p_account_number);
  IF NOT ho.savings_number_valid(p_account_number) THEN
    v_reason := 'bad-account-number';
  ELSIF v_home IS DISTINCT FROM p_branch THEN
    v_reason := 'number-not-in-branch-range';
  ELSIF v_product.code IS NULL THEN
    v_reason := 'unknown-product';
  ELSIF NOT (v_product.max_balance ? p_kyc_tier) THEN
    v_reason := 'unknown-kyc-tier';
  ELSIF EXISTS (SELECT 1 FROM ho.savings_accounts x WHERE x.branch_code = v_home AND x.account_number = p_account_number) THEN
    v_reason := 'account-number-taken';
  END IF;
  IF v_reason IS NOT NULL THEN
    v_answer := ${refused('v_reason')};
  ELSE
    -- Submitted until its opening deposit arrives (by replication, possibly days later if the link is down).
    INSERT INTO ho.savings_accounts (branch_code, account_number, customer_id, product_code, kyc_tier, status,
                                     interest_posted_to, opened_at, opened_by, opened_by_operation, last_activity_at)
    VALUES (v_home, p_account_number, p_customer_id, p_product_code, p_kyc_tier, 'submitted',
            left(p_opened_at, 10)::date - 1, v_at, p_branch, p_operation_id, v_at)
    RETURNING * INTO v_account;
    INSERT INTO ho.savings_status_changes (branch_code, account_number, from_status, to_status, reason, by_branch)
    VALUES (v_home, p_account_number, NULL, 'submitted', 'opened at the counter; active once its opening deposit arrives', p_branch);
    v_answer := jsonb_build_object('outcome', 'opened', 'operation_id', p_operation_id, 'account_number', p_account_number,
      'account', ho.savings_account_json(v_account));
  END IF;
  INSERT INTO ho.savings_operations (branch_code, operation_id, kind, request, answer, account_branch, account_number)
  VALUES (p_branch, p_operation_id, 'open', v_request, v_answer, v_home, p_account_number);
  RETURN v_answer;
END $$`;

const account = `${header('ho.savings_account_for(p_branch text, p_account_number text, p_after_line integer, p_limit integer)', 'STABLE')}
AS $$
DECLARE v_home text := ho.savings_home(p_account_number); v_account ho.savings_accounts; v_lines jsonb;
BEGIN
  SELECT * INTO v_account FROM ho.savings_accounts x WHERE x.branch_code = v_home AND x.account_number = p_account_number;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('found', false, 'account_number', p_account_number,
      'reason', CASE WHEN ho.savings_number_valid(p_account_number) THEN 'unknown-account' ELSE 'bad-account-number' END);
  END IF;
  SELECT coalesce(jsonb_agg(jsonb_build_object('line_no', l.line_no, 'kind', l.kind, 'amount', l.amount, 'balance_after', l.balance_after,
           'value_date', l.value_date, 'booked_at', l.booked_at, 'branch', l.source_branch, 'operation_id', l.operation_id,
           'period_end', l.period_end) ORDER BY l.line_no), '[]'::jsonb)
    INTO v_lines
    FROM (SELECT * FROM ho.savings_lines y
           WHERE y.branch_code = v_home AND y.account_number = p_account_number AND y.line_no > coalesce(p_after_line, 0)
           ORDER BY y.line_no LIMIT least(greatest(coalesce(p_limit, 100), 1), 1000)) l;
  RETURN jsonb_build_object('found', true, 'account', ho.savings_account_json(v_account), 'lines', v_lines);
END $$`;

/**
 * The checks a debit passes, in the order a clerk can act on them. Leaves v_reason NULL when
 * the account may pay p_amount; marks a newly dormant account as such on the way.
 */
const debitChecks = `IF v_account.account_number IS NULL THEN
    v_reason := 'unknown-account';
  ELSE
    v_account := ho.savings_release_expired(v_home, p_account_number, pg_catalog.now());
    v_account := ho.savings_settle_dormancy(v_account);
    SELECT * INTO STRICT v_product FROM ho.savings_products p WHERE p.code = v_account.product_code;
    IF v_account.status = 'closed' THEN
      v_reason := 'account-closed';
    ELSIF v_account.status = 'blocked' AND v_account.block_type IN ('debit', 'all') THEN
      v_reason := 'account-blocked';
    ELSIF v_account.status = 'dormant' THEN
      v_reason := 'account-dormant';
    ELSIF v_account.status IN ('submitted', 'inactive') THEN
      v_reason := 'account-not-active';
    END IF;
  END IF;`;

const reserve = `${header('ho.savings_reserve_for(p_branch text, p_operation_id text, p_account_number text, p_amount bigint, p_expires_seconds integer)')}
AS $$
DECLARE
  v_request jsonb := jsonb_build_object('kind', 'reserve', 'account_number', p_account_number, 'amount', p_amount, 'expires_seconds', p_expires_seconds);
  v_op ho.savings_operations; v_answer jsonb; v_home text; v_account ho.savings_accounts; v_product ho.savings_products;
  v_reason text; v_available bigint; v_day bigint; v_month bigint; v_today date := ho.savings_today(); v_expires timestamptz;
BEGIN
  PERFORM ho.savings_lock_operation(p_branch, p_operation_id);
  SELECT * INTO v_op FROM ho.savings_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF FOUND THEN
    RETURN ho.savings_repeat(v_op, v_request);
  END IF;
  IF p_amount IS NULL OR p_amount <= 0 OR p_expires_seconds IS NULL OR p_expires_seconds NOT BETWEEN 1 AND 86400 THEN
    RAISE EXCEPTION 'a withdrawal reserves a positive amount for 1 s to 24 h' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- The account's row lock: two branches withdrawing the same balance are served one after the other.
  ${lockAccount}
  ${debitChecks}
  IF v_reason IS NULL THEN
    v_available := v_account.balance - v_account.held;
    -- Withdrawals already reserved or paid today and this month, wherever they were made.
    SELECT coalesce(sum(h.amount) FILTER (WHERE h.reserved_at >= (v_today::timestamp AT TIME ZONE 'UTC')), 0),
           coalesce(sum(h.amount), 0)
      INTO v_day, v_month
      FROM ho.savings_holds h
     WHERE h.branch_code = v_home AND h.account_number = p_account_number AND h.purpose = 'withdrawal'
       AND h.status IN ('reserved', 'posted') AND h.reserved_at >= (date_trunc('month', v_today::timestamp) AT TIME ZONE 'UTC');
    IF p_amount > v_available THEN
      v_reason := 'insufficient-available';
    ELSIF v_available - p_amount < v_product.min_balance THEN
      v_reason := 'below-minimum-balance';
    ELSIF v_day + p_amount > coalesce((v_product.daily_withdrawal_limit ->> v_account.kyc_tier)::bigint, 0) THEN
      v_reason := 'above-daily-limit';
    ELSIF v_month + p_amount > coalesce((v_product.monthly_withdrawal_limit ->> v_account.kyc_tier)::bigint, 0) THEN
      v_reason := 'above-monthly-limit';
    END IF;
  END IF;
  IF v_reason IS NOT NULL THEN
    v_answer := ${refused('v_reason')} || jsonb_build_object('amount', p_amount);
  ELSE
    v_expires := pg_catalog.now() + make_interval(secs => p_expires_seconds);
    INSERT INTO ho.savings_holds (branch_code, account_number, hold_branch, operation_id, purpose, amount, status, expires_at)
    VALUES (v_home, p_account_number, p_branch, p_operation_id, 'withdrawal', p_amount, 'reserved', v_expires);
    UPDATE ho.savings_accounts x SET held = x.held + p_amount WHERE x.branch_code = v_home AND x.account_number = p_account_number;
    v_answer := jsonb_build_object('outcome', 'reserved', 'operation_id', p_operation_id, 'account_number', p_account_number,
      'amount', p_amount, 'currency', v_product.currency, 'expires_at', v_expires, 'available_after', v_available - p_amount);
  END IF;
  INSERT INTO ho.savings_operations (branch_code, operation_id, kind, request, answer, account_branch, account_number)
  VALUES (p_branch, p_operation_id, 'reserve', v_request, v_answer, v_home, p_account_number);
  RETURN v_answer;
END $$`;

/** A hold's state as the branch's resolver reads it: a reserved hold past its expiry is expired. */
const holdState = `CASE WHEN v_hold.status = 'reserved' AND v_hold.expires_at <= pg_catalog.now() THEN 'expired' ELSE v_hold.status END`;

const release = `${header('ho.savings_release_for(p_branch text, p_operation_id text)')}
AS $$
DECLARE v_op ho.savings_operations; v_account ho.savings_accounts; v_hold ho.savings_holds;
BEGIN
  PERFORM ho.savings_lock_operation(p_branch, p_operation_id);
  SELECT * INTO v_op FROM ho.savings_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF NOT FOUND THEN
    -- Cancelled before head office ever saw the reserve: the id is spent, so a reserve still on
    -- its way (a resend queued in the network) is refused when it lands, never held.
    INSERT INTO ho.savings_operations (branch_code, operation_id, kind, request, answer)
    VALUES (p_branch, p_operation_id, 'cancelled-unseen', jsonb_build_object('kind', 'release'),
      jsonb_build_object('outcome', 'refused', 'reason', 'cancelled', 'operation_id', p_operation_id, 'account_number', NULL));
    RETURN jsonb_build_object('operation_id', p_operation_id, 'state', 'never-received');
  END IF;
  IF v_op.kind = 'cancelled-unseen' THEN
    RETURN jsonb_build_object('operation_id', p_operation_id, 'state', 'never-received');
  END IF;
  IF v_op.kind = 'open' THEN
    RAISE EXCEPTION 'operation % opened an account: there is no hold to release', p_operation_id USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_op.answer->>'outcome' = 'refused' THEN
    RETURN jsonb_build_object('operation_id', p_operation_id, 'state', 'refused');
  END IF;
  SELECT * INTO STRICT v_account FROM ho.savings_accounts x
   WHERE x.branch_code = v_op.account_branch AND x.account_number = v_op.account_number FOR UPDATE;
  SELECT * INTO v_hold FROM ho.savings_holds h
   WHERE h.branch_code = v_op.account_branch AND h.account_number = v_op.account_number
     AND h.hold_branch = p_branch AND h.operation_id = p_operation_id FOR UPDATE;
  IF NOT FOUND THEN
    -- A close that paid nothing closed at once: nothing was held.
    RETURN jsonb_build_object('operation_id', p_operation_id, 'state', coalesce(v_op.answer->>'outcome', 'closed'));
  END IF;
  IF v_hold.status = 'reserved' THEN
    UPDATE ho.savings_holds h SET status = 'released', settled_at = pg_catalog.now(), settled_by = 'branch-release'
     WHERE h.branch_code = v_hold.branch_code AND h.account_number = v_hold.account_number
       AND h.hold_branch = v_hold.hold_branch AND h.operation_id = v_hold.operation_id;
    UPDATE ho.savings_accounts x SET held = x.held - v_hold.amount
     WHERE x.branch_code = v_hold.branch_code AND x.account_number = v_hold.account_number;
    RETURN jsonb_build_object('operation_id', p_operation_id, 'state', 'released');
  END IF;
  RETURN jsonb_build_object('operation_id', p_operation_id, 'state', v_hold.status);
END $$`;

const operation = `${header('ho.savings_operation_for(p_branch text, p_operation_id text)', 'STABLE')}
AS $$
DECLARE v_op ho.savings_operations; v_hold ho.savings_holds; v_state text;
BEGIN
  SELECT * INTO v_op FROM ho.savings_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('operation_id', p_operation_id, 'state', 'never-received', 'kind', NULL, 'answer', NULL, 'hold', NULL);
  END IF;
  IF v_op.kind = 'cancelled-unseen' THEN
    v_state := 'released';
  ELSIF v_op.kind = 'open' OR v_op.answer->>'outcome' = 'refused' THEN
    v_state := v_op.answer->>'outcome';
  ELSE
    SELECT * INTO v_hold FROM ho.savings_holds h
     WHERE h.branch_code = v_op.account_branch AND h.account_number = v_op.account_number
       AND h.hold_branch = p_branch AND h.operation_id = p_operation_id;
    v_state := CASE WHEN FOUND THEN ${holdState} ELSE v_op.answer->>'outcome' END;
  END IF;
  RETURN jsonb_build_object('operation_id', p_operation_id, 'state', v_state, 'kind', v_op.kind, 'answer', v_op.answer,
    'hold', CASE WHEN v_hold.operation_id IS NULL THEN NULL ELSE jsonb_build_object('account_number', v_hold.account_number,
      'amount', v_hold.amount, 'purpose', v_hold.purpose, 'status', ${holdState}, 'reserved_at', v_hold.reserved_at,
      'expires_at', v_hold.expires_at, 'settled_at', v_hold.settled_at) END);
END $$`;

/**
 * Closing pays the balance plus interest to date. Interest up to yesterday is posted at once (it is
 * earned whatever follows); the payout is then held like a withdrawal, and the account closes when
 * the branch's booking of it arrives (a savings-withdrawal pending transfer under this operation id,
 * then its post). A release or expiry leaves the account open.
 */
const close = `${header('ho.savings_close_for(p_branch text, p_operation_id text, p_account_number text, p_expires_seconds integer)')}
AS $$
DECLARE
  v_request jsonb := jsonb_build_object('kind', 'close', 'account_number', p_account_number, 'expires_seconds', p_expires_seconds);
  v_op ho.savings_operations; v_answer jsonb; v_home text; v_account ho.savings_accounts; v_product ho.savings_products;
  v_reason text; v_interest bigint := 0; v_to date := ho.savings_today() - 1; v_expires timestamptz; v_line ho.savings_lines;
BEGIN
  PERFORM ho.savings_lock_operation(p_branch, p_operation_id);
  SELECT * INTO v_op FROM ho.savings_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF FOUND THEN
    RETURN ho.savings_repeat(v_op, v_request);
  END IF;
  IF p_expires_seconds IS NULL OR p_expires_seconds NOT BETWEEN 1 AND 86400 THEN
    RAISE EXCEPTION 'a closing payout is held for 1 s to 24 h' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  ${lockAccount}
  ${debitChecks}
  IF v_reason IS NULL AND v_account.held > 0 THEN
    v_reason := 'holds-outstanding';
  END IF;
  IF v_reason IS NOT NULL THEN
    v_answer := ${refused('v_reason')};
  ELSE
    IF v_to > v_account.interest_posted_to THEN
      v_interest := ho.savings_interest_due(v_home, p_account_number, v_product.annual_rate_bp, v_account.interest_posted_to + 1, v_to);
      IF v_interest > 0 THEN
        v_line := ho.savings_append_line(v_home, p_account_number, 'interest', v_interest, v_to, NULL, NULL, p_operation_id, v_to);
      END IF;
      UPDATE ho.savings_accounts x SET interest_posted_to = v_to WHERE x.branch_code = v_home AND x.account_number = p_account_number
      RETURNING * INTO v_account;
    END IF;
    IF v_account.balance <= 0 THEN
      v_account := ho.savings_change_status(v_account, 'closed', NULL, 'closed at the counter with nothing to pay', p_branch, NULL);
      v_answer := jsonb_build_object('outcome', 'closed', 'operation_id', p_operation_id, 'account_number', p_account_number,
        'amount', 0, 'interest', v_interest, 'currency', v_product.currency, 'expires_at', NULL);
    ELSE
      v_expires := pg_catalog.now() + make_interval(secs => p_expires_seconds);
      INSERT INTO ho.savings_holds (branch_code, account_number, hold_branch, operation_id, purpose, amount, status, expires_at)
      VALUES (v_home, p_account_number, p_branch, p_operation_id, 'closing', v_account.balance, 'reserved', v_expires);
      UPDATE ho.savings_accounts x SET held = x.held + v_account.balance WHERE x.branch_code = v_home AND x.account_number = p_account_number;
      v_answer := jsonb_build_object('outcome', 'reserved', 'operation_id', p_operation_id, 'account_number', p_account_number,
        'amount', v_account.balance, 'interest', v_interest, 'currency', v_product.currency, 'expires_at', v_expires);
    END IF;
  END IF;
  INSERT INTO ho.savings_operations (branch_code, operation_id, kind, request, answer, account_branch, account_number)
  VALUES (p_branch, p_operation_id, 'close', v_request, v_answer, v_home, p_account_number);
  RETURN v_answer;
END $$`;

/** A supervisor at the window brings a dormant account back; head office records who. Repeats answer alike. */
const reactivate = `${header('ho.savings_reactivate_for(p_branch text, p_account_number text, p_approver text)')}
AS $$
DECLARE v_home text; v_account ho.savings_accounts; v_reactivated boolean := false;
BEGIN
  IF coalesce(trim(p_approver), '') = '' THEN
    RAISE EXCEPTION 'a dormant account is reactivated with a supervisor''s approval: name the approver' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  ${lockAccount}
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'unknown-account', 'account_number', p_account_number);
  END IF;
  v_account := ho.savings_settle_dormancy(v_account);
  IF v_account.status IN ('dormant', 'inactive') THEN
    v_account := ho.savings_change_status(v_account, 'active', NULL, 'reactivated at the counter with a supervisor''s approval', p_branch, p_approver);
    v_reactivated := true;
  END IF;
  IF v_account.status <> 'active' THEN
    RETURN jsonb_build_object('outcome', 'refused', 'account_number', p_account_number,
      'reason', CASE v_account.status WHEN 'closed' THEN 'account-closed' WHEN 'blocked' THEN 'account-blocked' ELSE 'account-not-active' END);
  END IF;
  RETURN jsonb_build_object('outcome', 'active', 'reactivated', v_reactivated, 'account_number', p_account_number,
    'account', ho.savings_account_json(v_account));
END $$`;

interface BranchFunction {
  name: string;
  /** Parameters after the branch, with names. */
  params: string;
  types: string[];
  args: string;
  volatility: 'STABLE' | 'VOLATILE';
  body: string;
}

const functions: BranchFunction[] = [
  {
    name: 'savings_open',
    params: 'p_operation_id text, p_account_number text, p_customer_id uuid, p_product_code text, p_kyc_tier text, p_opened_at text',
    types: ['text', 'text', 'uuid', 'text', 'text', 'text'],
    args: 'p_operation_id, p_account_number, p_customer_id, p_product_code, p_kyc_tier, p_opened_at',
    volatility: 'VOLATILE',
    body: open,
  },
  {
    name: 'savings_account',
    params: 'p_account_number text, p_after_line integer, p_limit integer',
    types: ['text', 'integer', 'integer'],
    args: 'p_account_number, p_after_line, p_limit',
    volatility: 'STABLE',
    body: account,
  },
  {
    name: 'savings_reserve',
    params: 'p_operation_id text, p_account_number text, p_amount bigint, p_expires_seconds integer',
    types: ['text', 'text', 'bigint', 'integer'],
    args: 'p_operation_id, p_account_number, p_amount, p_expires_seconds',
    volatility: 'VOLATILE',
    body: reserve,
  },
  { name: 'savings_release', params: 'p_operation_id text', types: ['text'], args: 'p_operation_id', volatility: 'VOLATILE', body: release },
  { name: 'savings_operation', params: 'p_operation_id text', types: ['text'], args: 'p_operation_id', volatility: 'STABLE', body: operation },
  {
    name: 'savings_close',
    params: 'p_operation_id text, p_account_number text, p_expires_seconds integer',
    types: ['text', 'text', 'integer'],
    args: 'p_operation_id, p_account_number, p_expires_seconds',
    volatility: 'VOLATILE',
    body: close,
  },
  {
    name: 'savings_reactivate',
    params: 'p_account_number text, p_approver text',
    types: ['text', 'text'],
    args: 'p_account_number, p_approver',
    volatility: 'VOLATILE',
    body: reactivate,
  },
];

const door = (f: BranchFunction) => `CREATE FUNCTION ho.${f.name}(p_branch text, ${f.params}) RETURNS jsonb
LANGUAGE plpgsql ${f.volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.${f.name}_for(p_branch, ${f.args});
END $$`;

/** What a branch role may call about savings, its code first (the doors). */
export const SAVINGS_BRANCH_FUNCTIONS = functions.map((f) => `ho.${f.name}(${['text', ...f.types].join(', ')})`);
/** The bodies behind the doors: head office's own. */
export const SAVINGS_BODY_FUNCTIONS = functions.map((f) => `ho.${f.name}_for(${['text', ...f.types].join(', ')})`);

export const SAVINGS_FUNCTIONS = functions.flatMap((f) => [f.body, door(f)]);
