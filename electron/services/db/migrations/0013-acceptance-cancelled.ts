import { sql, type Kysely } from 'kysely';

/**
 * The tracking event a void writes for each item of a cancelled acceptance. The UPU list
 * (EMSEVT) has no "posting cancelled" event, so this is a LOCAL code, marked as such in its
 * code (`LOC-` prefix, outside the UPU's `E…` codes, so it can never clash with one) and in its
 * names. It lives in data like every other code: when head office adopts a UPU mapping, a later
 * migration or a head-office code list renames it. `at_counter = 0`: only a void records it,
 * never a clerk by hand. The services name it through `tracking/local-codes.ts`.
 */
const ACCEPTANCE_CANCELLED = 'LOC-EMA-CANCELLED';

const statements = [
  `INSERT OR IGNORE INTO tracking_event_codes (code, name_fr, name_en, name_ar, at_counter) VALUES (
     '${ACCEPTANCE_CANCELLED}',
     'Dépôt annulé au guichet (code local)',
     'Acceptance cancelled at the counter (local code)',
     'إلغاء الإيداع في الشباك (رمز محلي)',
     0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DELETE FROM tracking_event_codes WHERE code = '${ACCEPTANCE_CANCELLED}'`).execute(db);
}
