/**
 * An issued order reaches head office as a register record (HO migration 0015), kind
 * `money-order`, record id = the number, pushed through `ho.push_records` (HO migration 0011)
 * like customers. The push inserts each new record into ho.branch_records once (a resent record
 * is compared there, never inserted again); a row trigger on that insert applies it here, in the
 * push's transaction:
 *
 * - a new number: the order is inserted, `available` (domestic) or `transmitted` (outgoing
 *   international: head office's IFS link takes it from there, no counter pays it);
 * - the same number with the same content (a record the branch wrote twice): nothing changes;
 * - the same number with other content, or a record head office cannot take (not a valid number,
 *   a number outside the sending branch's ranges, a missing field): kept aside in
 *   `ho.money_order_records_aside` with an alarm, never overwriting, never failing the push.
 */

export const MONEY_ORDER_RECORD_ALARM_KINDS = ['money-order-record-conflict', 'money-order-record-invalid'];

const header = (signature: string, returns = 'void') => `CREATE FUNCTION ${signature} RETURNS ${returns}
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** Whether `json` has a non-empty text field for each of `fields`. */
const texts = (json: string, fields: string[]) => fields.map((f) => `coalesce(${json}->>'${f}', '') <> ''`).join(' AND ');
/** A whole number (JSON number without fraction). */
const whole = (json: string, field: string) =>
  `CASE WHEN jsonb_typeof(${json}->'${field}') = 'number' THEN (${json}->>'${field}')::numeric = trunc((${json}->>'${field}')::numeric) ELSE false END`;

const keepAside = `${header('ho.money_order_keep_record_aside(p_branch text, p_seq bigint, p_number text, p_reason text, p_kind text, p_detail text)')}
AS $$
BEGIN
  INSERT INTO ho.money_order_records_aside (branch_code, seq, number, reason) VALUES (p_branch, p_seq, p_number, p_reason)
  ON CONFLICT DO NOTHING;
  INSERT INTO ho.alarms (branch_code, kind, seq, detail) VALUES (p_branch, p_kind, p_seq, p_detail);
END $$`;

/** Why a record cannot be an order, or NULL. The number's home must be the sending branch. */
const recordProblem = `${header('ho.money_order_record_problem(p_branch text, p_number text, p_record jsonb)', 'text')}
AS $$
BEGIN
  IF NOT ho.money_order_number_valid(p_number) THEN
    RETURN 'bad-number';
  END IF;
  IF p_record->>'number' IS DISTINCT FROM p_number THEN
    RETURN 'record-id-is-not-the-number';
  END IF;
  IF ho.money_order_home(p_number) IS DISTINCT FROM p_branch THEN
    RETURN 'number-not-in-branch-range';
  END IF;
  IF p_record->>'issuing_branch' IS DISTINCT FROM p_branch THEN
    RETURN 'issuing-branch-mismatch';
  END IF;
  IF coalesce(p_record->>'kind', '') NOT IN ('domestic', 'international-outgoing') THEN
    RETURN 'unknown-kind';
  END IF;
  IF NOT (${whole('p_record', 'amount')} AND ${whole('p_record', 'fee')} AND coalesce(p_record->>'currency', '') ~ '^[A-Z]{3}$') THEN
    RETURN 'bad-amount';
  END IF;
  IF (p_record->>'amount')::numeric NOT BETWEEN 1 AND 9223372036854775807 OR (p_record->>'fee')::numeric NOT BETWEEN 0 AND 9223372036854775807 THEN
    RETURN 'bad-amount';
  END IF;
  IF NOT (coalesce(p_record->>'secret_salt', '') ~ '^[0-9a-f]{32}$' AND coalesce(p_record->>'secret_hash', '') ~ '^[0-9a-f]{64}$') THEN
    RETURN 'bad-secret';
  END IF;
  IF ho.instant(p_record->>'issued_at') IS NULL OR ho.instant(p_record->>'expires_at') IS NULL
     OR ho.instant(p_record->>'expires_at') <= ho.instant(p_record->>'issued_at') THEN
    RETURN 'bad-dates';
  END IF;
  IF coalesce(jsonb_typeof(p_record->'sender'), '') <> 'object'
     OR NOT (${texts("p_record->'sender'", ['name', 'document_type', 'document_number', 'document_country'])}) THEN
    RETURN 'sender-incomplete';
  END IF;
  IF coalesce(jsonb_typeof(p_record->'payee'), '') <> 'object' OR NOT (${texts("p_record->'payee'", ['name'])}) THEN
    RETURN 'payee-incomplete';
  END IF;
  IF p_record->>'kind' = 'international-outgoing' AND NOT (coalesce(jsonb_typeof(p_record->'international'), '') = 'object'
     AND ${texts("p_record->'international'", ['destination_country', 'payee_currency', 'purpose'])}) THEN
    RETURN 'international-incomplete';
  END IF;
  IF coalesce(p_record->>'operation_id', '') = '' THEN
    RETURN 'no-operation-id';
  END IF;
  RETURN NULL;
END $$`;

const applyRecord = `${header('ho.money_order_apply_record(p_branch text, p_seq bigint, p_number text, p_record jsonb)')}
AS $$
DECLARE v_problem text; v_held ho.money_orders; v_amount bigint; v_terms jsonb; v_international jsonb;
BEGIN
  v_problem := ho.money_order_record_problem(p_branch, p_number, p_record);
  IF v_problem IS NOT NULL THEN
    PERFORM ho.money_order_keep_record_aside(p_branch, p_seq, coalesce(p_number, ''), v_problem, 'money-order-record-invalid',
      format('money order record %s (number %s) cannot be taken (%s): kept aside for review, not payable', p_seq, coalesce(p_number, '(none)'), v_problem));
    RETURN;
  END IF;
  SELECT * INTO v_held FROM ho.money_orders o WHERE o.branch_code = p_branch AND o.number = p_number FOR UPDATE;
  IF FOUND THEN
    IF v_held.record IS DISTINCT FROM p_record THEN
      PERFORM ho.money_order_keep_record_aside(p_branch, p_seq, p_number, 'other-content-for-number', 'money-order-record-conflict',
        format('money order %s came again (record %s) with other content than record %s: the first is kept, the other set aside for review',
          p_number, p_seq, coalesce(v_held.record_seq::text, '?')));
    END IF;
    RETURN;
  END IF;
  v_amount := (p_record->>'amount')::bigint;
  v_terms := ho.money_order_terms(p_record->>'kind', v_amount, p_record->'payee');
  v_international := CASE WHEN jsonb_typeof(p_record->'international') = 'object' THEN p_record->'international' END;
  INSERT INTO ho.money_orders (branch_code, number, kind, status, currency, amount, fee, sender, payee, payee_document_required,
      cancel_refunds_fee, international, secret_salt, secret_hash, issued_at, expires_at, issue_operation_id, record, record_seq)
  VALUES (p_branch, p_number, p_record->>'kind', CASE p_record->>'kind' WHEN 'domestic' THEN 'available' ELSE 'transmitted' END,
      p_record->>'currency', v_amount, (p_record->>'fee')::bigint, p_record->'sender', p_record->'payee',
      (v_terms->>'payee_document_required')::boolean, (v_terms->>'cancel_refunds_fee')::boolean, v_international,
      p_record->>'secret_salt', p_record->>'secret_hash', ho.instant(p_record->>'issued_at'), ho.instant(p_record->>'expires_at'),
      p_record->>'operation_id', p_record, p_seq);
END $$`;

const recordTrigger = `${header('ho.money_order_record()', 'trigger')}
AS $$
BEGIN
  BEGIN
    PERFORM ho.money_order_apply_record(NEW.branch_code, NEW.seq, NEW.record_id, NEW.payload);
  EXCEPTION
    -- Waits and cancellations are the push's own to fail on (the branch resends).
    WHEN deadlock_detected OR lock_not_available OR serialization_failure OR query_canceled THEN
      RAISE;
    -- A money-order fault never costs the branch its register push: the record is kept, with an alarm.
    WHEN OTHERS THEN
      PERFORM ho.money_order_keep_record_aside(NEW.branch_code, NEW.seq, coalesce(NEW.record_id, ''), 'fault: ' || SQLERRM,
        'money-order-record-invalid', format('money order record %s could not be applied (%s): kept aside for review', NEW.seq, SQLERRM));
  END;
  RETURN NULL;
END $$`;

export const MONEY_ORDER_RECORD_SIGNATURES = [
  'ho.money_order_keep_record_aside(text, bigint, text, text, text, text)',
  'ho.money_order_record_problem(text, text, jsonb)',
  'ho.money_order_apply_record(text, bigint, text, jsonb)',
  'ho.money_order_record()',
];

export const MONEY_ORDER_RECORDS = [keepAside, recordProblem, applyRecord, recordTrigger];

/** After the functions have their owner: the trigger itself; other kinds cost one comparison. */
export const MONEY_ORDER_RECORD_TRIGGER = `CREATE TRIGGER branch_records_money_order AFTER INSERT ON ho.branch_records FOR EACH ROW
  WHEN (NEW.kind = 'money-order') EXECUTE FUNCTION ho.money_order_record()`;
