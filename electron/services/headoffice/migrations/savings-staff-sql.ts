/**
 * Head-office staff's side of savings (HO migration 0012): products, number ranges, blocks,
 * the administrative jobs (hold expiry, interest posting) and a balance check. None is granted
 * to a branch role, and each refuses a branch session besides.
 */

const staffOnly = `IF ho.session_branch() IS NOT NULL THEN
    RAISE EXCEPTION 'this function is for head-office staff' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

const header = (signature: string, returns: string, volatility = 'VOLATILE') => `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE plpgsql ${volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** Published like any reference item, so branches pull it (kind 'savings-product'); kept typed here for the checks. */
const publishProduct = `${header('ho.publish_savings_product(p_product jsonb, p_by text)', 'bigint')}
AS $$
DECLARE v_code text := p_product->>'code'; v_version bigint; v_body jsonb;
BEGIN
  ${staffOnly}
  IF EXISTS (SELECT 1 FROM unnest(ARRAY['max_balance', 'daily_withdrawal_limit', 'monthly_withdrawal_limit']) AS f(name),
                  jsonb_each(CASE WHEN jsonb_typeof(p_product->f.name) = 'object' THEN p_product->f.name ELSE '{}'::jsonb END) AS e
              WHERE jsonb_typeof(e.value) <> 'number' OR e.value::numeric < 0 OR e.value::numeric <> trunc(e.value::numeric)) THEN
    RAISE EXCEPTION 'limits per KYC tier are whole, non-negative amounts in minor units' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO ho.savings_products (code, name, currency, annual_rate_bp, posting_period, min_opening_deposit, min_balance,
                                   max_balance, daily_withdrawal_limit, monthly_withdrawal_limit, dormancy_days, fees, version)
  SELECT r.code, r.name, r.currency, r.annual_rate_bp, r.posting_period, r.min_opening_deposit, r.min_balance,
         r.max_balance, r.daily_withdrawal_limit, r.monthly_withdrawal_limit, r.dormancy_days, coalesce(r.fees, '{}'::jsonb), 0
    FROM jsonb_populate_record(NULL::ho.savings_products, p_product) r
  ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency, annual_rate_bp = EXCLUDED.annual_rate_bp,
    posting_period = EXCLUDED.posting_period, min_opening_deposit = EXCLUDED.min_opening_deposit, min_balance = EXCLUDED.min_balance,
    max_balance = EXCLUDED.max_balance, daily_withdrawal_limit = EXCLUDED.daily_withdrawal_limit,
    monthly_withdrawal_limit = EXCLUDED.monthly_withdrawal_limit, dormancy_days = EXCLUDED.dormancy_days, fees = EXCLUDED.fees;
  SELECT to_jsonb(p) - 'version' - 'published_at' INTO STRICT v_body FROM ho.savings_products p WHERE p.code = v_code;
  v_version := ho.publish_item('savings-product', v_code, NULL, v_body, p_by);
  UPDATE ho.savings_products p SET version = v_version, published_at = pg_catalog.now() WHERE p.code = v_code;
  RETURN v_version;
END $$`;

/** Like ho.allocate_s10_range: serialised, never overlapping, published to the branch it is for. */
const allocateRange = `${header('ho.allocate_savings_range(p_branch text, p_size integer)', 'ho.savings_number_ranges')}
AS $$
DECLARE v_first integer; v_range ho.savings_number_ranges;
BEGIN
  ${staffOnly}
  LOCK TABLE ho.savings_number_ranges IN SHARE ROW EXCLUSIVE MODE;
  SELECT coalesce(max(r.last_serial), 0) + 1 INTO v_first FROM ho.savings_number_ranges r;
  IF p_size IS NULL OR p_size < 1 OR v_first::bigint + p_size - 1 > 999999999 THEN
    RAISE EXCEPTION 'savings account serials are exhausted or the size % is invalid', p_size USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO ho.savings_number_ranges (first_serial, last_serial, branch_code) VALUES (v_first, v_first + p_size - 1, p_branch)
  RETURNING * INTO v_range;
  PERFORM ho.publish_item('savings-range', 'savings:' || v_first, p_branch,
    jsonb_build_object('first_serial', v_range.first_serial, 'last_serial', v_range.last_serial), 'head-office');
  RETURN v_range;
END $$`;

const block = `${header('ho.savings_block(p_account text, p_block_type text, p_reason text, p_by text)', 'jsonb')}
AS $$
DECLARE v_account ho.savings_accounts;
BEGIN
  ${staffOnly}
  IF coalesce(trim(p_reason), '') = '' OR coalesce(trim(p_by), '') = '' THEN
    RAISE EXCEPTION 'a block names its reason and who decided it' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO STRICT v_account FROM ho.savings_accounts x
   WHERE x.branch_code = ho.savings_home(p_account) AND x.account_number = p_account FOR UPDATE;
  IF v_account.status = 'closed' THEN
    RAISE EXCEPTION 'account % is closed', p_account USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_account := ho.savings_change_status(v_account, 'blocked', p_block_type, p_reason, NULL, p_by);
  RETURN ho.savings_account_json(v_account);
END $$`;

const unblock = `${header('ho.savings_unblock(p_account text, p_reason text, p_by text)', 'jsonb')}
AS $$
DECLARE v_account ho.savings_accounts;
BEGIN
  ${staffOnly}
  SELECT * INTO STRICT v_account FROM ho.savings_accounts x
   WHERE x.branch_code = ho.savings_home(p_account) AND x.account_number = p_account FOR UPDATE;
  IF v_account.status = 'blocked' THEN
    v_account := ho.savings_change_status(v_account, 'active', NULL, coalesce(p_reason, 'unblocked'), NULL, p_by);
  END IF;
  RETURN ho.savings_account_json(v_account);
END $$`;

/** The expiry job: every hold past its expiry gives its amount back (reserves also do it for their own account). */
const expireHolds = `${header('ho.savings_expire_holds(p_now timestamptz)', 'jsonb')}
AS $$
DECLARE v_key record; v_n integer; v_expired integer := 0; v_accounts integer := 0;
BEGIN
  ${staffOnly}
  FOR v_key IN SELECT DISTINCT h.branch_code, h.account_number FROM ho.savings_holds h
                WHERE h.status = 'reserved' AND h.expires_at <= p_now ORDER BY 1, 2 LOOP
    PERFORM 1 FROM ho.savings_accounts x WHERE x.branch_code = v_key.branch_code AND x.account_number = v_key.account_number FOR UPDATE;
    SELECT count(*) INTO v_n FROM ho.savings_holds h
     WHERE h.branch_code = v_key.branch_code AND h.account_number = v_key.account_number AND h.status = 'reserved' AND h.expires_at <= p_now;
    PERFORM ho.savings_release_expired(v_key.branch_code, v_key.account_number, p_now);
    v_expired := v_expired + v_n;
    v_accounts := v_accounts + 1;
  END LOOP;
  RETURN jsonb_build_object('expired', v_expired, 'accounts', v_accounts);
END $$`;

const periodEnds = `CREATE FUNCTION ho.savings_period_ends(p_period text, p_day date) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
AS $$ SELECT extract(day FROM p_day + 1) = 1 AND CASE p_period
    WHEN 'month' THEN true
    WHEN 'quarter' THEN extract(month FROM p_day + 1) IN (1, 4, 7, 10)
    WHEN 'year' THEN extract(month FROM p_day + 1) = 1
    ELSE false END $$`;

/**
 * Interest for the period ending p_period_end, for every open account whose product posts on that
 * day, from the day after its last posting: once per (account, period) — interest_posted_to moves
 * under the row lock, and a unique index on the interest lines backs it. Rounding: see
 * ho.savings_interest_due (exact sum, half-even once per posting).
 */
const postInterest = `${header('ho.savings_post_interest(p_period_end date)', 'jsonb')}
AS $$
DECLARE v_key record; v_account ho.savings_accounts; v_rate integer; v_interest bigint; v_accounts integer := 0; v_lines integer := 0; v_total numeric := 0;
BEGIN
  ${staffOnly}
  IF p_period_end IS NULL OR p_period_end >= ho.savings_today() THEN
    RAISE EXCEPTION 'interest is posted for a period that has ended (before %)', ho.savings_today() USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR v_key IN SELECT a.branch_code, a.account_number FROM ho.savings_accounts a JOIN ho.savings_products p ON p.code = a.product_code
                WHERE a.status <> 'closed' AND a.interest_posted_to < p_period_end AND ho.savings_period_ends(p.posting_period, p_period_end)
                ORDER BY 1, 2 LOOP
    SELECT * INTO STRICT v_account FROM ho.savings_accounts x
     WHERE x.branch_code = v_key.branch_code AND x.account_number = v_key.account_number FOR UPDATE;
    CONTINUE WHEN v_account.status = 'closed' OR v_account.interest_posted_to >= p_period_end;
    SELECT p.annual_rate_bp INTO STRICT v_rate FROM ho.savings_products p WHERE p.code = v_account.product_code;
    v_interest := ho.savings_interest_due(v_account.branch_code, v_account.account_number, v_rate, v_account.interest_posted_to + 1, p_period_end);
    IF v_interest > 0 THEN
      PERFORM ho.savings_append_line(v_account.branch_code, v_account.account_number, 'interest', v_interest, p_period_end, NULL, NULL, NULL, p_period_end);
      v_lines := v_lines + 1;
      v_total := v_total + v_interest;
    END IF;
    UPDATE ho.savings_accounts x SET interest_posted_to = p_period_end
     WHERE x.branch_code = v_account.branch_code AND x.account_number = v_account.account_number;
    v_accounts := v_accounts + 1;
  END LOOP;
  RETURN jsonb_build_object('accounts', v_accounts, 'lines', v_lines, 'total', v_total);
END $$`;

/** Balances and held amounts as the lines and holds rebuild them: accounts that disagree (none, normally). */
const checkBalances = `${header('ho.savings_check_balances()', 'jsonb', 'STABLE')}
AS $$
BEGIN
  ${staffOnly}
  RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object('account_number', a.account_number, 'balance', a.balance, 'from_lines', l.total,
            'held', a.held, 'from_holds', h.total) ORDER BY a.account_number), '[]'::jsonb)
    FROM ho.savings_accounts a
    CROSS JOIN LATERAL (SELECT coalesce(sum(CASE WHEN y.kind = 'withdrawal' THEN -y.amount ELSE y.amount END), 0) AS total
                          FROM ho.savings_lines y WHERE y.branch_code = a.branch_code AND y.account_number = a.account_number) l
    CROSS JOIN LATERAL (SELECT coalesce(sum(z.amount), 0) AS total FROM ho.savings_holds z
                         WHERE z.branch_code = a.branch_code AND z.account_number = a.account_number AND z.status = 'reserved') h
   WHERE a.balance <> l.total OR a.held <> h.total);
END $$`;

export const SAVINGS_STAFF = [publishProduct, allocateRange, block, unblock, expireHolds, periodEnds, postInterest, checkBalances];

export const SAVINGS_STAFF_SIGNATURES = [
  'ho.publish_savings_product(jsonb, text)',
  'ho.allocate_savings_range(text, integer)',
  'ho.savings_block(text, text, text, text)',
  'ho.savings_unblock(text, text, text)',
  'ho.savings_expire_holds(timestamptz)',
  'ho.savings_period_ends(text, date)',
  'ho.savings_post_interest(date)',
  'ho.savings_check_balances()',
];
