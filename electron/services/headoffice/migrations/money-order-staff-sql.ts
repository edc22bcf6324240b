import { MONEY_ORDER_ABROAD, MONEY_ORDER_TARIFF_KEYS } from './money-order-schema-sql';

/**
 * Head-office staff's side of money orders (HO migration 0015): number ranges, tariffs, incoming
 * international orders, and the reset of an order's secret attempts. None is granted to a branch
 * role, and each refuses a branch session besides.
 */

const staffOnly = `IF ho.session_branch() IS NOT NULL THEN
    RAISE EXCEPTION 'this function is for head-office staff' USING ERRCODE = 'insufficient_privilege';
  END IF;`;

const header = (signature: string, returns: string) => `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

const invalid = (message: string, ...args: string[]) =>
  `RAISE EXCEPTION '${message}'${args.map((a) => `, ${a}`).join('')} USING ERRCODE = 'invalid_parameter_value'`;

/**
 * Serials `first` to `last` for a branch, published to it as 'money-order-range'; or, for no
 * branch, head office's own, from which it numbers the incoming international orders (not
 * published). Serialised, never overlapping a range already allocated, never given back.
 */
const allocateRange = `${header('ho.money_order_allocate_range(p_branch text, p_first bigint, p_last bigint)', 'jsonb')}
AS $$
DECLARE v_clash ho.money_order_ranges; v_version bigint;
BEGIN
  ${staffOnly}
  IF p_first IS NULL OR p_last IS NULL OR p_first < 1 OR p_last > 9999999999 OR p_first > p_last THEN
    ${invalid('money order serials run from 1 to 9999999999, first before last: % to % is no range', 'p_first', 'p_last')};
  END IF;
  IF p_branch IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ho.branches b WHERE b.code = p_branch) THEN
    ${invalid('there is no branch %', 'p_branch')};
  END IF;
  LOCK TABLE ho.money_order_ranges IN SHARE ROW EXCLUSIVE MODE;
  SELECT * INTO v_clash FROM ho.money_order_ranges r WHERE r.first_serial <= p_last AND r.last_serial >= p_first ORDER BY r.first_serial LIMIT 1;
  IF FOUND THEN
    ${invalid('serials % to % overlap the range % to % already allocated to %: a serial is never given twice', 'p_first', 'p_last', 'v_clash.first_serial', 'v_clash.last_serial', "coalesce(v_clash.branch_code, 'head office')")};
  END IF;
  INSERT INTO ho.money_order_ranges (first_serial, last_serial, branch_code) VALUES (p_first, p_last, p_branch);
  IF p_branch IS NOT NULL THEN
    v_version := ho.publish_item('money-order-range', 'money-order:' || p_first, p_branch,
      jsonb_build_object('first_serial', p_first, 'last_serial', p_last), 'head-office');
  END IF;
  RETURN jsonb_build_object('branch', p_branch, 'first_serial', p_first, 'last_serial', p_last, 'version', v_version);
END $$`;

/**
 * A tariff every branch pulls ('money-order-tariff', key domestic or international). Checked here
 * so no branch ever pulls one it cannot apply: bands of whole amounts with rising ceilings, the
 * largest order inside the last band.
 */
const publishTariff = `${header('ho.money_order_publish_tariff(p_key text, p_body jsonb, p_by text DEFAULT \'head-office\')', 'bigint')}
AS $$
DECLARE v_version bigint; v_bands jsonb := p_body->'bands'; v_ok boolean;
BEGIN
  ${staffOnly}
  IF p_key IS NULL OR p_key NOT IN (${MONEY_ORDER_TARIFF_KEYS.map((k) => `'${k}'`).join(', ')}) THEN
    ${invalid('a money order tariff is the domestic or the international one, not %', "coalesce(p_key, '(nothing)')")};
  END IF;
  v_ok := jsonb_typeof(p_body) = 'object' AND coalesce(p_body->>'currency', '') ~ '^[A-Z]{3}$'
    AND jsonb_typeof(p_body->'cancel_refunds_fee') = 'boolean'
    AND jsonb_typeof(v_bands) = 'array' AND jsonb_array_length(v_bands) > 0
    AND NOT EXISTS (SELECT 1 FROM unnest(ARRAY['validity_days', 'payee_document_above', 'max_amount']) AS f(name)
                     WHERE coalesce(jsonb_typeof(p_body->f.name), '') <> 'number')
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v_bands) AS b(band)
                     WHERE jsonb_typeof(b.band) <> 'object' OR coalesce(jsonb_typeof(b.band->'up_to'), '') <> 'number'
                        OR coalesce(jsonb_typeof(b.band->'fee'), '') <> 'number');
  IF NOT v_ok THEN
    ${invalid('a money order tariff is {currency, bands: [{up_to, fee}], validity_days, payee_document_above, max_amount, cancel_refunds_fee}')};
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(v_bands) WITH ORDINALITY AS b(band, i)
              CROSS JOIN LATERAL (SELECT (b.band->>'up_to')::numeric AS up_to, (b.band->>'fee')::numeric AS fee) x
              WHERE x.up_to <= 0 OR x.fee < 0 OR x.up_to <> trunc(x.up_to) OR x.fee <> trunc(x.fee)
                 OR (b.i > 1 AND x.up_to <= (v_bands->((b.i - 2)::integer)->>'up_to')::numeric))
     OR EXISTS (SELECT 1 FROM unnest(ARRAY['validity_days', 'payee_document_above', 'max_amount']) AS f(name)
                 WHERE (p_body->>f.name)::numeric < 0 OR (p_body->>f.name)::numeric <> trunc((p_body->>f.name)::numeric))
     OR (p_body->>'validity_days')::numeric < 1 OR (p_body->>'max_amount')::numeric < 1
     OR (p_body->>'max_amount')::numeric > (v_bands->-1->>'up_to')::numeric THEN
    ${invalid('tariff bands are whole amounts with rising ceilings, validity at least a day, and the largest order inside the last band')};
  END IF;
  v_version := ho.publish_item('money-order-tariff', p_key, NULL, p_body, coalesce(p_by, 'head-office'));
  INSERT INTO ho.money_order_tariffs (key, currency, body, version) VALUES (p_key, p_body->>'currency', p_body, v_version)
  ON CONFLICT (key) DO UPDATE SET currency = EXCLUDED.currency, body = EXCLUDED.body, version = EXCLUDED.version, published_at = pg_catalog.now();
  RETURN v_version;
END $$`;

/**
 * An order sent from abroad, as head office's IFS link hands it over (amount already in local
 * currency): numbered by head office from its own range, payable at a counter with the same lock,
 * and published ('money-order-incoming') to the payee's branch — or to every branch when none is
 * named — without its secret's hash. Received once: the same order again answers the same; another
 * content under its number is refused.
 */
const receiveInternational = `${header(
  'ho.money_order_receive_international(p_number text, p_payee_branch text, p_sender jsonb, p_payee jsonb, p_amount bigint, p_currency text, p_exchange_reference text, p_secret_salt text, p_secret_hash text, p_expires_at timestamptz)',
  'jsonb',
)}
AS $$
DECLARE
  v_record jsonb := jsonb_build_object('number', p_number, 'kind', 'international-incoming', 'payee_branch', p_payee_branch,
    'sender', p_sender, 'payee', p_payee, 'amount', p_amount, 'currency', p_currency, 'exchange_reference', p_exchange_reference,
    'secret_salt', p_secret_salt, 'secret_hash', p_secret_hash,
    'expires_at', to_char(p_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
  v_held ho.money_orders; v_order ho.money_orders; v_terms jsonb; v_view jsonb; v_version bigint;
BEGIN
  ${staffOnly}
  SELECT * INTO v_held FROM ho.money_orders o WHERE o.branch_code = '${MONEY_ORDER_ABROAD}' AND o.number = p_number FOR UPDATE;
  IF FOUND THEN
    IF v_held.record = v_record THEN
      RETURN ho.money_order_view(v_held) || jsonb_build_object('version', (SELECT max(r.version) FROM ho.reference_items r
        WHERE r.kind = 'money-order-incoming' AND r.key = p_number));
    END IF;
    RAISE EXCEPTION 'money order % was received already with other content (exchange reference %)', p_number, v_held.international->>'exchange_reference'
      USING ERRCODE = 'unique_violation';
  END IF;
  IF ho.money_order_home(p_number) IS DISTINCT FROM '${MONEY_ORDER_ABROAD}' THEN
    ${invalid('% is not a money order number from a head-office range (allocate one to no branch first)', "coalesce(p_number, '(nothing)')")};
  END IF;
  IF p_payee_branch IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ho.branches b WHERE b.code = p_payee_branch) THEN
    ${invalid('there is no branch %', 'p_payee_branch')};
  END IF;
  IF p_amount IS NULL OR p_amount <= 0 OR coalesce(p_currency, '') !~ '^[A-Z]{3}$' OR coalesce(p_exchange_reference, '') = ''
     OR coalesce(p_secret_salt, '') !~ '^[0-9a-f]{32}$' OR coalesce(p_secret_hash, '') !~ '^[0-9a-f]{64}$'
     OR p_expires_at IS NULL OR p_expires_at <= pg_catalog.now()
     OR coalesce(jsonb_typeof(p_sender), '') <> 'object' OR coalesce(p_sender->>'name', '') = ''
     OR coalesce(jsonb_typeof(p_payee), '') <> 'object' OR coalesce(p_payee->>'name', '') = '' THEN
    ${invalid("an incoming order has a sender and a payee by name, a positive amount in a currency, the exchange reference, the secret''s salt and hash, and an expiry ahead")};
  END IF;
  v_terms := ho.money_order_terms('international-incoming', p_amount, p_payee);
  INSERT INTO ho.money_orders (branch_code, number, kind, status, currency, amount, fee, sender, payee, payee_document_required,
      cancel_refunds_fee, international, payee_branch, secret_salt, secret_hash, issued_at, expires_at, record)
  VALUES ('${MONEY_ORDER_ABROAD}', p_number, 'international-incoming', 'available', p_currency, p_amount, 0, p_sender, p_payee,
      (v_terms->>'payee_document_required')::boolean, false,
      jsonb_build_object('exchange_reference', p_exchange_reference, 'origin_country', p_sender->>'country'),
      p_payee_branch, p_secret_salt, p_secret_hash, pg_catalog.now(), p_expires_at, v_record)
  RETURNING * INTO v_order;
  v_view := ho.money_order_view(v_order);
  v_version := ho.publish_item('money-order-incoming', p_number, p_payee_branch,
    v_view - ARRAY['found', 'status', 'locked_by_branch', 'locked_until', 'paid_branch', 'paid_at', 'cancelled_branch', 'cancelled_at',
                   'reimbursed_branch', 'reimbursed_at', 'secret_attempts_left', 'issuing_branch'], 'head-office');
  RETURN v_view || jsonb_build_object('version', v_version);
END $$`;

/** After five wrong secrets only staff let the payee try again (having checked who is asking). */
const resetAttempts = `${header('ho.money_order_reset_secret_attempts(p_number text, p_by text DEFAULT \'head-office\')', 'jsonb')}
AS $$
DECLARE v_order ho.money_orders;
BEGIN
  ${staffOnly}
  UPDATE ho.money_orders o SET secret_attempts = 0, secret_reset_at = pg_catalog.now(), secret_reset_by = coalesce(p_by, 'head-office')
   WHERE o.branch_code = ho.money_order_home(p_number) AND o.number = p_number
  RETURNING * INTO v_order;
  IF NOT FOUND THEN
    ${invalid('head office holds no money order %', "coalesce(p_number, '(nothing)')")};
  END IF;
  RETURN ho.money_order_view(v_order);
END $$`;

export const MONEY_ORDER_STAFF = [allocateRange, publishTariff, receiveInternational, resetAttempts];

export const MONEY_ORDER_STAFF_SIGNATURES = [
  'ho.money_order_allocate_range(text, bigint, bigint)',
  'ho.money_order_publish_tariff(text, jsonb, text)',
  'ho.money_order_receive_international(text, text, jsonb, jsonb, bigint, text, text, text, text, timestamptz)',
  'ho.money_order_reset_secret_attempts(text, text)',
];
