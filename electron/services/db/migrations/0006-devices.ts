import { sql, type Kysely } from 'kysely';

/**
 * Counter peripherals: each device's configuration as the technician saved it (the DeviceConfig
 * JSON, validated before it is written), and the print queue, so a receipt that waits for a
 * printer survives a restart of the counter. Numbered 0006, not 0004: databases already carry
 * 0005, and kysely refuses a migration that sorts before one already applied.
 */
const statements = [
  `CREATE TABLE device_configs (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     config TEXT NOT NULL CHECK (json_valid(config)),
     updated_by TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE TABLE print_jobs (
     id TEXT PRIMARY KEY,
     device_id TEXT NOT NULL,
     payload TEXT NOT NULL CHECK (json_valid(payload)),
     status TEXT NOT NULL CHECK (status IN ('waiting', 'printing', 'printed', 'cancelled')),
     attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
     created_at TEXT NOT NULL,
     next_attempt_at TEXT NOT NULL,
     last_error TEXT NOT NULL DEFAULT '',
     printed_at TEXT,
     reprint_of TEXT REFERENCES print_jobs (id),
     reference TEXT
   )`,
  // The queue asks for unfinished jobs every tick; printed ones pile up all day.
  `CREATE INDEX print_jobs_unfinished ON print_jobs (created_at) WHERE status IN ('waiting', 'printing')`,
  `CREATE INDEX print_jobs_created ON print_jobs (created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['print_jobs', 'device_configs']) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
