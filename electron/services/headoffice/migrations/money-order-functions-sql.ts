import { MONEY_ORDER_PURPOSES, MONEY_ORDER_SECRET_ATTEMPTS } from './money-order-schema-sql';

/**
 * What a branch asks of head office about money orders (HO migration 0015): look an order up
 * (its status), lock it to pay, cancel or reimburse it, ask what became of a lock, unlock. Each
 * has a body (`ho.money_order_<name>_for`, not granted) and a branch-argument door
 * (`ho.money_order_<name>`, granted to `ho_branch`) that checks the code against the caller's
 * role first, as migration 0010's forms do.
 *
 * A lock carries the branch's operation id (made once per intent, reused on every retry): the first
 * answer is kept in `ho.money_order_operations` and a repeat gets it back, a refusal included,
 * whatever happened to the order since. Two branches locking one order are served one after the
 * other by the order's row lock: exactly one gets it, the other is told `being-paid` and by whom.
 */

/** Why a lock is refused: codes the branch puts into words. */
export const MONEY_ORDER_REFUSALS = [
  'not-found',
  'being-paid',
  'paid',
  'cancelled',
  'reimbursed',
  'expired',
  'not-expired',
  'wrong-secret',
  'secret-attempts-exceeded',
  'wrong-document',
  'not-payable-here',
  'operation-id-reused',
] as const;

/** What became of an operation id at head office. `settled`: the branch's booking arrived. */
export const MONEY_ORDER_OPERATION_STATES = ['never-received', 'locked', 'refused', 'released', 'expired', 'settled'] as const;

const header = (signature: string, volatility = 'VOLATILE') => `CREATE FUNCTION ${signature} RETURNS jsonb
LANGUAGE plpgsql ${volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

const refusal = (reason: string, extra = '') =>
  `jsonb_strip_nulls(jsonb_build_object('outcome', 'refused', 'reason', ${reason}, 'operation_id', p_operation_id, 'number', p_number${extra}))`;

const lookup = `${header('ho.money_order_lookup_for(p_branch text, p_number text)', 'STABLE')}
AS $$
DECLARE v_order ho.money_orders;
BEGIN
  SELECT * INTO v_order FROM ho.money_orders o WHERE o.branch_code = ho.money_order_home(p_number) AND o.number = p_number;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('found', false, 'number', p_number);
  END IF;
  RETURN ho.money_order_view(v_order);
END $$`;

/**
 * The checks, in the order a clerk can act on them: what the order is (unknown, not payable at a
 * counter, settled, held elsewhere), then its validity, then the person: the document before the
 * secret, so a wrong document never tells whether a guessed secret was right; a wrong secret
 * counts against the order (kept even though the answer is a refusal).
 */
const lock = `${header(
  'ho.money_order_lock_for(p_branch text, p_operation_id text, p_pending_transfer_id text, p_number text, p_purpose text, p_secret_proof text, p_document jsonb, p_hold_seconds integer)',
)}
AS $$
DECLARE
  v_document jsonb := coalesce(p_document, '{}'::jsonb);
  v_request jsonb := jsonb_build_object('kind', 'lock', 'pending_transfer_id', p_pending_transfer_id, 'number', p_number,
    'purpose', p_purpose, 'document', coalesce(p_document, 'null'::jsonb), 'hold_seconds', p_hold_seconds);
  v_op ho.money_order_operations; v_order ho.money_orders; v_home text; v_status text; v_expired boolean; v_payee_shown boolean;
  v_reason text; v_answer jsonb; v_until timestamptz;
BEGIN
  PERFORM ho.money_order_lock_operation(p_branch, p_operation_id);
  SELECT * INTO v_op FROM ho.money_order_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF FOUND THEN
    IF v_op.kind = 'cancelled-unseen' OR v_op.request = v_request THEN
      RETURN v_op.answer;
    END IF;
    -- Another request under a used id: a fault at the branch. Refused, and nothing kept: the id's answer stays the first.
    RETURN ${refusal("'operation-id-reused'")};
  END IF;
  IF p_purpose IS NULL OR p_purpose NOT IN (${MONEY_ORDER_PURPOSES.map((p) => `'${p}'`).join(', ')}) THEN
    RAISE EXCEPTION 'a money order is locked to pay, cancel or reimburse it, not %', coalesce(p_purpose, '(nothing)') USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_hold_seconds IS NULL OR p_hold_seconds NOT BETWEEN 1 AND 86400 THEN
    RAISE EXCEPTION 'a lock holds for 1 s to 24 h' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF coalesce(p_pending_transfer_id, '') = '' THEN
    RAISE EXCEPTION 'a lock names the pending transfer the branch booked for it' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_purpose = 'pay' AND coalesce(p_secret_proof, '') = '' THEN
    RAISE EXCEPTION 'a payment carries the proof of the secret the payee gave' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_typeof(v_document) <> 'object' THEN
    RAISE EXCEPTION 'the document shown is an object {document_type, document_number, document_country}' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM ho.money_order_locks l WHERE l.branch_code = p_branch AND l.pending_transfer_id = p_pending_transfer_id) THEN
    RAISE EXCEPTION 'pending transfer % already stands for another lock of this branch', p_pending_transfer_id USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- The order's row lock: two branches asking at once are served one after the other.
  v_home := ho.money_order_home(p_number);
  SELECT * INTO v_order FROM ho.money_orders o WHERE o.branch_code = v_home AND o.number = p_number FOR UPDATE;
  IF NOT FOUND THEN
    v_reason := 'not-found';
  ELSE
    v_status := ho.money_order_status_of(v_order);
    v_expired := v_order.expires_at <= pg_catalog.now();
    -- The payee's document: the one the order names, else any complete one where the amount requires it.
    v_payee_shown := CASE WHEN coalesce(v_order.payee->>'document_number', '') <> '' THEN ho.money_order_document_matches(v_order.payee, v_document)
                          ELSE NOT v_order.payee_document_required OR ho.money_order_document_shown(v_document) END;
    IF v_order.kind = 'international-outgoing' OR (v_order.kind = 'international-incoming' AND p_purpose <> 'pay') THEN
      v_reason := 'not-payable-here';
    ELSIF v_status IN ('paid', 'cancelled', 'reimbursed') THEN
      v_answer := ${refusal('v_status', ", 'branch', v_order.settled_branch, 'at', v_order.settled_at")};
    ELSIF v_status = 'locked' THEN
      v_answer := ${refusal("'being-paid'", ", 'branch', v_order.lock_branch, 'at', v_order.locked_at")};
    ELSIF p_purpose = 'pay' THEN
      IF v_expired THEN
        v_reason := 'expired';
      ELSIF v_order.secret_attempts >= ${MONEY_ORDER_SECRET_ATTEMPTS} THEN
        v_reason := 'secret-attempts-exceeded';
      ELSIF NOT v_payee_shown THEN
        v_reason := 'wrong-document';
      ELSIF lower(p_secret_proof) IS DISTINCT FROM v_order.secret_hash THEN
        UPDATE ho.money_orders o SET secret_attempts = o.secret_attempts + 1
         WHERE o.branch_code = v_home AND o.number = p_number RETURNING * INTO v_order;
        v_answer := ${refusal("'wrong-secret'", `, 'attempts_left', greatest(0, ${MONEY_ORDER_SECRET_ATTEMPTS} - v_order.secret_attempts)`)};
      END IF;
    ELSIF p_purpose = 'cancel' AND v_expired THEN
      v_reason := 'expired';
    ELSIF p_purpose = 'reimburse' AND NOT v_expired THEN
      v_reason := 'not-expired';
    ELSIF NOT ho.money_order_document_matches(v_order.sender, v_document) THEN
      v_reason := 'wrong-document';
    END IF;
  END IF;

  IF v_reason IS NOT NULL THEN
    v_answer := ${refusal('v_reason')};
  ELSIF v_answer IS NULL THEN
    -- Counted from when the request arrived (the transaction's start).
    v_until := pg_catalog.now() + make_interval(secs => p_hold_seconds);
    UPDATE ho.money_orders o SET status = 'locked', lock_branch = p_branch, lock_operation_id = p_operation_id,
           locked_at = pg_catalog.now(), locked_until = v_until
     WHERE o.branch_code = v_home AND o.number = p_number;
    INSERT INTO ho.money_order_locks (branch_code, operation_id, pending_transfer_id, order_branch, number, purpose, amount, status, held_until)
    VALUES (p_branch, p_operation_id, p_pending_transfer_id, v_home, p_number, p_purpose, v_order.amount, 'held', v_until);
    v_answer := jsonb_build_object('outcome', 'locked', 'operation_id', p_operation_id, 'number', p_number, 'purpose', p_purpose,
      'amount', v_order.amount, 'fee', v_order.fee, 'currency', v_order.currency,
      'refund_fee', p_purpose = 'cancel' AND v_order.cancel_refunds_fee, 'held_until', v_until);
  END IF;
  INSERT INTO ho.money_order_operations (branch_code, operation_id, kind, request, answer, order_branch, number)
  VALUES (p_branch, p_operation_id, 'lock', v_request, v_answer, v_home, p_number);
  RETURN v_answer;
END $$`;

/**
 * A lock's state as the branch's resolver reads it. A lock still 'held' is `locked` only while the
 * order is held under it and its hold runs; otherwise it lapsed (or another lock took the order
 * after it lapsed): `expired`.
 */
const stateOf = `CASE
    WHEN v_lock.operation_id IS NULL THEN v_op.answer->>'outcome'
    WHEN v_lock.status = 'settled' THEN 'settled'
    WHEN v_lock.status = 'released' THEN 'released'
    WHEN v_order.status = 'locked' AND v_order.lock_branch = p_branch AND v_order.lock_operation_id = p_operation_id
         AND v_order.locked_until > pg_catalog.now() THEN 'locked'
    ELSE 'expired' END`;

const lockJson = `CASE WHEN v_lock.operation_id IS NULL THEN NULL ELSE jsonb_build_object('number', v_lock.number,
    'purpose', v_lock.purpose, 'amount', v_lock.amount, 'pending_transfer_id', v_lock.pending_transfer_id, 'locked_at', v_lock.locked_at,
    'held_until', v_lock.held_until, 'released_at', v_lock.released_at, 'settled_at', v_lock.settled_at,
    'settled_transfer_id', v_lock.settled_transfer_id) END`;

const operationAnswer = (state: string, answer: string) =>
  `jsonb_build_object('operation_id', p_operation_id, 'state', ${state}, 'answer', ${answer}, 'lock', ${lockJson})`;

const operation = `${header('ho.money_order_operation_for(p_branch text, p_operation_id text)', 'STABLE')}
AS $$
DECLARE v_op ho.money_order_operations; v_lock ho.money_order_locks; v_order ho.money_orders;
BEGIN
  SELECT * INTO v_op FROM ho.money_order_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF NOT FOUND THEN
    RETURN ${operationAnswer("'never-received'", 'NULL')};
  END IF;
  IF v_op.kind = 'cancelled-unseen' THEN
    -- Unlocked before head office saw a lock: the id is spent, nothing was ever held.
    RETURN ${operationAnswer("'released'", 'NULL')};
  END IF;
  SELECT * INTO v_lock FROM ho.money_order_locks l WHERE l.branch_code = p_branch AND l.operation_id = p_operation_id;
  SELECT * INTO v_order FROM ho.money_orders o WHERE o.branch_code = v_op.order_branch AND o.number = v_op.number;
  RETURN ${operationAnswer(stateOf, 'v_op.answer')};
END $$`;

/**
 * The clerk gave up before paying (or the branch's frame did, past its hold): the lock goes and the
 * order is payable again. Idempotent. An id head office never saw is spent here, so a lock still on
 * its way (a resend queued in the network) is refused when it lands, never granted.
 */
const unlock = `${header('ho.money_order_unlock_for(p_branch text, p_operation_id text)')}
AS $$
DECLARE v_op ho.money_order_operations; v_lock ho.money_order_locks; v_order ho.money_orders;
BEGIN
  PERFORM ho.money_order_lock_operation(p_branch, p_operation_id);
  SELECT * INTO v_op FROM ho.money_order_operations o WHERE o.branch_code = p_branch AND o.operation_id = p_operation_id;
  IF NOT FOUND THEN
    INSERT INTO ho.money_order_operations (branch_code, operation_id, kind, request, answer)
    VALUES (p_branch, p_operation_id, 'cancelled-unseen', jsonb_build_object('kind', 'unlock'),
      jsonb_build_object('outcome', 'refused', 'reason', 'operation-id-reused', 'operation_id', p_operation_id));
    RETURN ${operationAnswer("'never-received'", 'NULL')};
  END IF;
  IF v_op.kind = 'cancelled-unseen' THEN
    RETURN ${operationAnswer("'never-received'", 'NULL')};
  END IF;
  -- The order's row first, then the lock's: the order the settlement trigger takes them in.
  SELECT * INTO v_order FROM ho.money_orders o WHERE o.branch_code = v_op.order_branch AND o.number = v_op.number FOR UPDATE;
  SELECT * INTO v_lock FROM ho.money_order_locks l WHERE l.branch_code = p_branch AND l.operation_id = p_operation_id FOR UPDATE;
  IF v_lock.status = 'held' THEN
    IF v_order.status = 'locked' AND v_order.lock_branch = p_branch AND v_order.lock_operation_id = p_operation_id THEN
      UPDATE ho.money_orders o SET status = 'available', lock_branch = NULL, lock_operation_id = NULL, locked_at = NULL, locked_until = NULL
       WHERE o.branch_code = v_order.branch_code AND o.number = v_order.number RETURNING * INTO v_order;
    END IF;
    UPDATE ho.money_order_locks l SET status = 'released', released_at = pg_catalog.now(), released_by = 'branch-unlock'
     WHERE l.branch_code = p_branch AND l.operation_id = p_operation_id RETURNING * INTO v_lock;
  END IF;
  RETURN ${operationAnswer(stateOf, 'v_op.answer')};
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
  { name: 'money_order_lookup', params: 'p_number text', types: ['text'], args: 'p_number', volatility: 'STABLE', body: lookup },
  {
    name: 'money_order_lock',
    params: 'p_operation_id text, p_pending_transfer_id text, p_number text, p_purpose text, p_secret_proof text, p_document jsonb, p_hold_seconds integer',
    types: ['text', 'text', 'text', 'text', 'text', 'jsonb', 'integer'],
    args: 'p_operation_id, p_pending_transfer_id, p_number, p_purpose, p_secret_proof, p_document, p_hold_seconds',
    volatility: 'VOLATILE',
    body: lock,
  },
  { name: 'money_order_operation', params: 'p_operation_id text', types: ['text'], args: 'p_operation_id', volatility: 'STABLE', body: operation },
  { name: 'money_order_unlock', params: 'p_operation_id text', types: ['text'], args: 'p_operation_id', volatility: 'VOLATILE', body: unlock },
];

const door = (f: BranchFunction) => `CREATE FUNCTION ho.${f.name}(p_branch text, ${f.params}) RETURNS jsonb
LANGUAGE plpgsql ${f.volatility} SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ho.caller_branch(p_branch);
  RETURN ho.${f.name}_for(p_branch, ${f.args});
END $$`;

/** What a branch role may call about money orders, its code first (the doors). */
export const MONEY_ORDER_BRANCH_FUNCTIONS = functions.map((f) => `ho.${f.name}(${['text', ...f.types].join(', ')})`);
/** The bodies behind the doors: head office's own. */
export const MONEY_ORDER_BODY_FUNCTIONS = functions.map((f) => `ho.${f.name}_for(${['text', ...f.types].join(', ')})`);

export const MONEY_ORDER_FUNCTIONS = functions.flatMap((f) => [f.body, door(f)]);
