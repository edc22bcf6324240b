import { sql, type Kysely } from 'kysely';

/**
 * Operations with a counterparty (head office, a wallet operator, a biller): the intent is written
 * here, with its reservation, before any request leaves (electron/services/counterparty/).
 *
 * - `counterparty_operations`: one row per operation id (a UUIDv7 made once per user intent). The ids
 *   of the ledger operations that will post or void the reservation are made at prepare, so a retry
 *   after a crash books under the same id and the ledger refuses a second posting. The state column
 *   is the latest of `counterparty_operation_states`, where every change is one durable row.
 * - `counterparty_operation_states`: append-only history; triggers refuse UPDATE and DELETE.
 * - `counterparty_reconciliations`: an answer contrary to what was booked (confirmed after we voided,
 *   refused after we posted), kept until a supervisor settles it with an attributed ledger operation.
 *   Only the settlement columns may change, once.
 */
const STATES = `'prepared', 'sent', 'pending', 'confirmed', 'refused', 'expired', 'unknown', 'cancelled'`;

const statements = [
  `CREATE TABLE counterparty_operations (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     counterparty TEXT NOT NULL,
     request TEXT NOT NULL CHECK (json_valid(request)),
     fingerprint TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN (${STATES})),
     amount INTEGER NOT NULL,
     currency TEXT NOT NULL,
     pays_out INTEGER NOT NULL CHECK (pays_out IN (0, 1)),
     expires_at TEXT NOT NULL,
     post_operation_id TEXT NOT NULL UNIQUE,
     void_operation_id TEXT NOT NULL UNIQUE,
     till_session_id TEXT,
     operator TEXT NOT NULL,
     counterparty_reference TEXT,
     answer TEXT CHECK (answer IS NULL OR json_valid(answer)),
     counterparty_knows INTEGER NOT NULL DEFAULT 0 CHECK (counterparty_knows IN (0, 1)),
     cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
     handed_over_at TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  // What the resolver walks: every operation whose outcome the counterparty has not told us yet.
  `CREATE INDEX counterparty_operations_unresolved ON counterparty_operations (next_attempt_at) WHERE counterparty_knows = 0`,
  `CREATE INDEX counterparty_operations_by_operator ON counterparty_operations (operator, created_at)`,
  `CREATE TRIGGER counterparty_operations_fixed BEFORE UPDATE OF id, kind, counterparty, request, fingerprint, amount, currency, pays_out,
     expires_at, post_operation_id, void_operation_id, till_session_id, operator, created_at ON counterparty_operations
   BEGIN SELECT RAISE(ABORT, 'a counterparty operation keeps its request as prepared'); END`,
  `CREATE TRIGGER counterparty_operations_no_delete BEFORE DELETE ON counterparty_operations
   BEGIN SELECT RAISE(ABORT, 'counterparty operations are kept'); END`,
  `CREATE TABLE counterparty_operation_states (
     seq INTEGER PRIMARY KEY,
     operation_id TEXT NOT NULL REFERENCES counterparty_operations (id),
     state TEXT NOT NULL CHECK (state IN (${STATES})),
     detail TEXT,
     actor TEXT,
     at TEXT NOT NULL
   )`,
  `CREATE INDEX counterparty_operation_states_by_operation ON counterparty_operation_states (operation_id, seq)`,
  `CREATE TRIGGER counterparty_operation_states_no_update BEFORE UPDATE ON counterparty_operation_states
   BEGIN SELECT RAISE(ABORT, 'counterparty state history is append-only'); END`,
  `CREATE TRIGGER counterparty_operation_states_no_delete BEFORE DELETE ON counterparty_operation_states
   BEGIN SELECT RAISE(ABORT, 'counterparty state history is append-only'); END`,
  `CREATE TABLE counterparty_reconciliations (
     id TEXT PRIMARY KEY,
     operation_id TEXT NOT NULL REFERENCES counterparty_operations (id),
     booked TEXT NOT NULL CHECK (booked IN ('confirmed', 'refused', 'expired', 'cancelled')),
     counterparty_says TEXT NOT NULL CHECK (counterparty_says IN ('confirmed', 'refused', 'expired')),
     answer TEXT CHECK (answer IS NULL OR json_valid(answer)),
     found_at TEXT NOT NULL,
     settlement_operation_id TEXT UNIQUE,
     settled_by TEXT,
     approver TEXT,
     reason TEXT,
     settled_at TEXT,
     UNIQUE (operation_id, counterparty_says)
   )`,
  `CREATE TRIGGER counterparty_reconciliations_fixed BEFORE UPDATE OF id, operation_id, booked, counterparty_says, answer, found_at ON counterparty_reconciliations
   BEGIN SELECT RAISE(ABORT, 'a reconciliation item keeps what was found'); END`,
  `CREATE TRIGGER counterparty_reconciliations_settled_once BEFORE UPDATE ON counterparty_reconciliations WHEN OLD.settled_at IS NOT NULL
   BEGIN SELECT RAISE(ABORT, 'a reconciliation item is settled once'); END`,
  `CREATE TRIGGER counterparty_reconciliations_no_delete BEFORE DELETE ON counterparty_reconciliations
   BEGIN SELECT RAISE(ABORT, 'reconciliation items are kept'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['counterparty_reconciliations', 'counterparty_operation_states', 'counterparty_operations']) {
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  }
}
