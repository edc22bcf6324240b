import { sql, type Kysely } from 'kysely';
import { extendKindCheck } from './kind-check-sql';
import { MONEY_ORDER_BODY_FUNCTIONS, MONEY_ORDER_BRANCH_FUNCTIONS, MONEY_ORDER_FUNCTIONS } from './money-order-functions-sql';
import { MONEY_ORDER_HELPERS, MONEY_ORDER_HELPER_SIGNATURES } from './money-order-helpers-sql';
import { MONEY_ORDER_RECORD_ALARM_KINDS, MONEY_ORDER_RECORD_SIGNATURES, MONEY_ORDER_RECORD_TRIGGER, MONEY_ORDER_RECORDS } from './money-order-records-sql';
import { MONEY_ORDER_SCHEMA, MONEY_ORDER_TABLES } from './money-order-schema-sql';
import {
  MONEY_ORDER_SETTLEMENT,
  MONEY_ORDER_SETTLEMENT_ALARM_KINDS,
  MONEY_ORDER_SETTLEMENT_SIGNATURES,
  MONEY_ORDER_SETTLEMENT_TRIGGER,
} from './money-order-settlement-sql';
import { MONEY_ORDER_STAFF, MONEY_ORDER_STAFF_SIGNATURES } from './money-order-staff-sql';

/**
 * Money orders at head office (issue 16): issued at one counter, paid once at any other.
 *
 * - Staff allocate number ranges per branch (pulled as 'money-order-range'), publish the tariffs
 *   ('money-order-tariff') and receive incoming international orders, published to the payee's
 *   branch ('money-order-incoming').
 * - An issued order arrives as a register record of kind 'money-order' through ho.push_records,
 *   applied once by number (money-order-records-sql.ts).
 * - A branch looks an order up and locks it to pay, cancel or reimburse it (`ho.money_order_*`,
 *   its code first), exactly once per operation id; it asks what became of a lock, and unlocks.
 * - The branch's payout or refund booking, pushed like any transfer, settles the lock
 *   (money-order-settlement-sql.ts); its void releases it.
 *
 * The electron/services/headoffice/README.md section "Money orders at head office" tells the whole story.
 */

export { MONEY_ORDER_BRANCH_FUNCTIONS };

const owned = [
  ...MONEY_ORDER_HELPER_SIGNATURES,
  ...MONEY_ORDER_BODY_FUNCTIONS,
  ...MONEY_ORDER_BRANCH_FUNCTIONS,
  ...MONEY_ORDER_RECORD_SIGNATURES,
  ...MONEY_ORDER_SETTLEMENT_SIGNATURES,
  ...MONEY_ORDER_STAFF_SIGNATURES,
];

const statements = [
  ...MONEY_ORDER_SCHEMA,
  extendKindCheck('reference_items', 'kind', 'reference_items_kind_check', ['money-order-tariff', 'money-order-range', 'money-order-incoming']),
  extendKindCheck('alarms', 'kind', 'alarms_kind_check', [...MONEY_ORDER_RECORD_ALARM_KINDS, ...MONEY_ORDER_SETTLEMENT_ALARM_KINDS]),
  ...MONEY_ORDER_HELPERS,
  ...MONEY_ORDER_FUNCTIONS,
  ...MONEY_ORDER_RECORDS,
  ...MONEY_ORDER_SETTLEMENT,
  ...MONEY_ORDER_STAFF,
  ...owned.map((signature) => `ALTER FUNCTION ${signature} OWNER TO ho_owner`),
  ...owned.map((signature) => `REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC`),
  `GRANT EXECUTE ON FUNCTION ${MONEY_ORDER_BRANCH_FUNCTIONS.join(', ')} TO ho_branch`,
  MONEY_ORDER_RECORD_TRIGGER,
  MONEY_ORDER_SETTLEMENT_TRIGGER,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER transfers_money_orders ON ho.transfers').execute(db);
  await sql.raw('DROP TRIGGER branch_records_money_order ON ho.branch_records').execute(db);
  for (const signature of [...owned].reverse()) await sql.raw(`DROP FUNCTION ${signature}`).execute(db);
  for (const table of [...MONEY_ORDER_TABLES].reverse()) await sql.raw(`DROP TABLE ho.${table}`).execute(db);
  // The widened kind checks stay: they refuse nothing the older schema accepted, and the items
  // and alarms head office already holds are evidence.
}
