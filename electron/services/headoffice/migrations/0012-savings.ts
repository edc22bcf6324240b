import { sql, type Kysely } from 'kysely';
import { extendKindCheck } from './kind-check-sql';
import { SAVINGS_BOOKING, SAVINGS_BOOKING_SIGNATURES, SAVINGS_BOOKING_TRIGGER } from './savings-booking-sql';
import { SAVINGS_BODY_FUNCTIONS, SAVINGS_BRANCH_FUNCTIONS, SAVINGS_FUNCTIONS } from './savings-functions-sql';
import { SAVINGS_HELPERS, SAVINGS_HELPER_SIGNATURES } from './savings-helpers-sql';
import { SAVINGS_SCHEMA, SAVINGS_TABLES } from './savings-schema-sql';
import { SAVINGS_STAFF, SAVINGS_STAFF_SIGNATURES } from './savings-staff-sql';

/**
 * Postal savings at head office (issue 15): accounts live nationally here, in PostgreSQL.
 *
 * - Staff publish products (pulled by branches as 'savings-product') and allocate account-number
 *   ranges per branch (pulled as 'savings-range'), as for S10 serials.
 * - Branches open, read, reserve (an amount hold with an expiry), release, ask "what happened",
 *   close and reactivate through `ho.savings_*` functions taking their code first, each idempotent
 *   by the branch's operation id.
 * - The branch's deposits and withdrawal bookings arrive by the ordinary push and are applied by
 *   a trigger on ho.transfers (savings-booking-sql.ts), once per transfer.
 * - Interest is head office's alone: `ho.savings_post_interest(period_end)`.
 *
 * The electron/services/headoffice/README.md section "Savings at head office" tells the whole story.
 */

export { SAVINGS_BRANCH_FUNCTIONS };

const owned = [...SAVINGS_HELPER_SIGNATURES, ...SAVINGS_BODY_FUNCTIONS, ...SAVINGS_BRANCH_FUNCTIONS, ...SAVINGS_BOOKING_SIGNATURES, ...SAVINGS_STAFF_SIGNATURES];

const statements = [
  ...SAVINGS_SCHEMA,
  extendKindCheck('reference_items', 'kind', 'reference_items_kind_check', ['savings-product', 'savings-range']),
  ...SAVINGS_HELPERS,
  ...SAVINGS_FUNCTIONS,
  ...SAVINGS_BOOKING,
  ...SAVINGS_STAFF,
  ...owned.map((signature) => `ALTER FUNCTION ${signature} OWNER TO ho_owner`),
  ...owned.map((signature) => `REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC`),
  `GRANT EXECUTE ON FUNCTION ${SAVINGS_BRANCH_FUNCTIONS.join(', ')} TO ho_branch`,
  SAVINGS_BOOKING_TRIGGER,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER transfers_savings ON ho.transfers').execute(db);
  for (const signature of [...owned].reverse()) await sql.raw(`DROP FUNCTION ${signature}`).execute(db);
  for (const table of [...SAVINGS_TABLES].reverse()) await sql.raw(`DROP TABLE ho.${table}`).execute(db);
  // The widened kind checks stay: they refuse nothing the older schema accepted.
}
