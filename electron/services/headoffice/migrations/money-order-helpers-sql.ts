import { MONEY_ORDER_ABROAD, MONEY_ORDER_SECRET_ATTEMPTS } from './money-order-schema-sql';

/**
 * The small pieces the money-order functions share (HO migration 0015). None is granted to a
 * branch: they run inside the functions, as `ho_owner`.
 */

/** First key of the advisory locks that serialise one operation id (second key: a hash of branch and id). */
export const MONEY_ORDER_LOCK_SPACE = 0x484f4d4f; // 'HOMO'

const header = (signature: string, returns: string, volatility = 'VOLATILE', language = 'plpgsql') =>
  `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE ${language} ${volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** A document field as a clerk may type it: case, spaces and dashes do not count. */
const normalized = (json: string, field: string) => `upper(regexp_replace(coalesce(${json}->>'${field}', ''), '[[:space:]-]', '', 'g'))`;
const DOCUMENT_FIELDS = ['document_type', 'document_number', 'document_country'];

interface Helper {
  signature: string;
  sql: string;
}

const helpers: Helper[] = [
  {
    // plpgsql, not sql: an inlined sql function's constant cast of a bad number would fail at planning.
    signature: 'ho.money_order_number_valid(text)',
    sql: `${header('ho.money_order_number_valid(p_number text)', 'boolean', 'IMMUTABLE')}
AS $$
BEGIN
  IF p_number IS NULL OR p_number !~ '^[0-9]{12}$' THEN
    RETURN false;
  END IF;
  IF left(p_number, 10)::bigint = 0 THEN
    RETURN false;
  END IF;
  -- ISO 7064 MOD 97-10 (shared/mod97.ts, shared/money-order-number.ts): the whole number is 1 modulo 97.
  RETURN p_number::numeric % 97 = 1;
END $$`,
  },
  {
    // The order's home: the branch whose allocated range holds its serial (where its row lives), or
    // '${MONEY_ORDER_ABROAD}' for a range head office kept for the incoming orders it numbers.
    signature: 'ho.money_order_home(text)',
    sql: `${header('ho.money_order_home(p_number text)', 'text', 'STABLE')}
AS $$
DECLARE v_serial bigint; v_range ho.money_order_ranges;
BEGIN
  IF NOT ho.money_order_number_valid(p_number) THEN
    RETURN NULL;
  END IF;
  v_serial := left(p_number, 10)::bigint;
  SELECT * INTO v_range FROM ho.money_order_ranges r WHERE r.first_serial <= v_serial ORDER BY r.first_serial DESC LIMIT 1;
  IF NOT FOUND OR v_range.last_serial < v_serial THEN
    RETURN NULL;
  END IF;
  RETURN coalesce(v_range.branch_code, '${MONEY_ORDER_ABROAD}');
END $$`,
  },
  {
    // Two requests with one operation id are served one after the other, so a resend that
    // overtakes the first attempt's commit still finds its answer instead of a key violation.
    signature: 'ho.money_order_lock_operation(text, text)',
    sql: `${header('ho.money_order_lock_operation(p_branch text, p_operation_id text)', 'void')}
AS $$
BEGIN
  IF p_operation_id IS NULL OR length(p_operation_id) NOT BETWEEN 1 AND 100 THEN
    RAISE EXCEPTION 'an operation id is made once per intent at the branch (1 to 100 characters)' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(${MONEY_ORDER_LOCK_SPACE}, hashtext(p_branch || '/' || p_operation_id));
END $$`,
  },
  {
    // The status a branch is told: a lock past its hold no longer holds, and an order neither paid,
    // cancelled nor reimbursed is expired once its validity has passed.
    signature: 'ho.money_order_status_of(ho.money_orders)',
    sql: `${header('ho.money_order_status_of(p_order ho.money_orders)', 'text', 'STABLE', 'sql')}
AS $$ SELECT CASE
    WHEN p_order.status = 'locked' AND p_order.locked_until > pg_catalog.now() THEN 'locked'
    WHEN p_order.status IN ('available', 'locked') AND p_order.expires_at <= pg_catalog.now() THEN 'expired'
    WHEN p_order.status = 'locked' THEN 'available'
    ELSE p_order.status END $$`,
  },
  {
    // What a branch is shown of an order: never the secret's hash; the sender's document number
    // as its last four characters only; the payee's in full, so the clerk can compare it.
    signature: 'ho.money_order_view(ho.money_orders)',
    sql: `${header('ho.money_order_view(p_order ho.money_orders)', 'jsonb', 'STABLE')}
AS $$
DECLARE v_status text := ho.money_order_status_of(p_order);
BEGIN
  RETURN jsonb_build_object('found', true, 'number', p_order.number, 'kind', p_order.kind,
    'issuing_branch', CASE WHEN p_order.kind = 'international-incoming' THEN NULL ELSE p_order.branch_code END,
    'currency', p_order.currency, 'amount', p_order.amount, 'fee', p_order.fee,
    'sender', jsonb_build_object('name', p_order.sender->>'name', 'document_type', p_order.sender->>'document_type',
      'document_number_last4', right(p_order.sender->>'document_number', 4)),
    'payee', jsonb_build_object('name', p_order.payee->>'name', 'document_type', p_order.payee->>'document_type',
      'document_number', p_order.payee->>'document_number', 'document_country', p_order.payee->>'document_country'),
    'payee_document_required', p_order.payee_document_required, 'secret_salt', p_order.secret_salt,
    'secret_attempts_left', greatest(0, ${MONEY_ORDER_SECRET_ATTEMPTS} - p_order.secret_attempts),
    'status', v_status, 'issued_at', p_order.issued_at, 'expires_at', p_order.expires_at,
    'locked_by_branch', CASE WHEN v_status = 'locked' THEN p_order.lock_branch END,
    'locked_until', CASE WHEN v_status = 'locked' THEN p_order.locked_until END,
    'paid_branch', CASE WHEN p_order.status = 'paid' THEN p_order.settled_branch END,
    'paid_at', CASE WHEN p_order.status = 'paid' THEN p_order.settled_at END,
    'cancelled_branch', CASE WHEN p_order.status = 'cancelled' THEN p_order.settled_branch END,
    'cancelled_at', CASE WHEN p_order.status = 'cancelled' THEN p_order.settled_at END,
    'reimbursed_branch', CASE WHEN p_order.status = 'reimbursed' THEN p_order.settled_branch END,
    'reimbursed_at', CASE WHEN p_order.status = 'reimbursed' THEN p_order.settled_at END,
    'international', p_order.international, 'payee_branch', p_order.payee_branch);
END $$`,
  },
  {
    // The document shown at the window is the one the order names (type, number, country).
    signature: 'ho.money_order_document_matches(jsonb, jsonb)',
    sql: `${header('ho.money_order_document_matches(p_named jsonb, p_shown jsonb)', 'boolean', 'IMMUTABLE', 'sql')}
AS $$ SELECT ${normalized('p_named', 'document_number')} <> ''
  AND ${DOCUMENT_FIELDS.map((f) => `${normalized('p_named', f)} = ${normalized('p_shown', f)}`).join('\n  AND ')} $$`,
  },
  {
    // A document shown at all: its type, number and issuing country.
    signature: 'ho.money_order_document_shown(jsonb)',
    sql: `${header('ho.money_order_document_shown(p_shown jsonb)', 'boolean', 'IMMUTABLE', 'sql')}
AS $$ SELECT ${DOCUMENT_FIELDS.map((f) => `${normalized('p_shown', f)} <> ''`).join(' AND ')} $$`,
  },
  {
    // The tariff's terms an order keeps from the day head office receives it: whether the payee
    // must show a document, and whether a cancellation refunds the fee. With no tariff published,
    // the safe side: a document is required and the fee is kept.
    signature: 'ho.money_order_terms(text, bigint, jsonb)',
    sql: `${header('ho.money_order_terms(p_kind text, p_amount bigint, p_payee jsonb)', 'jsonb', 'STABLE')}
AS $$
DECLARE v_body jsonb;
BEGIN
  SELECT t.body INTO v_body FROM ho.money_order_tariffs t
   WHERE t.key = CASE WHEN p_kind = 'domestic' THEN 'domestic' ELSE 'international' END;
  IF v_body IS NULL THEN
    SELECT t.body INTO v_body FROM ho.money_order_tariffs t WHERE t.key = 'domestic';
  END IF;
  RETURN jsonb_build_object(
    'payee_document_required', coalesce(p_payee->>'document_number', '') <> '' OR v_body IS NULL
      OR p_amount > (v_body->>'payee_document_above')::bigint,
    'cancel_refunds_fee', coalesce((v_body->>'cancel_refunds_fee')::boolean, false));
END $$`,
  },
];

export const MONEY_ORDER_HELPERS = helpers.map((h) => h.sql);
export const MONEY_ORDER_HELPER_SIGNATURES = helpers.map((h) => h.signature);
