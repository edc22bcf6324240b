import { sql, type Kysely } from 'kysely';

/**
 * Tracking events travel to head office with the ledger, and events head office
 * holds for an item come back.
 *
 * The outbox gives each event recorded at this counter a sequence number in the
 * same transaction as the event (a trigger: no caller can forget it). It has an
 * INTEGER PRIMARY KEY because VACUUM may renumber a plain rowid, and a cursor
 * over renumbered rows would skip or resend events. Events received from head
 * office are not queued: they are already there.
 */
const statements = [
  `CREATE TABLE tracking_outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL UNIQUE REFERENCES tracking_events (id)
   )`,
  `INSERT INTO tracking_outbox (event_id) SELECT id FROM tracking_events WHERE source = 'counter' ORDER BY at, id`,
  `CREATE TRIGGER tracking_events_outbox AFTER INSERT ON tracking_events WHEN NEW.source = 'counter'
   BEGIN INSERT INTO tracking_outbox (event_id) VALUES (NEW.id); END`,
  `CREATE TRIGGER tracking_outbox_no_update BEFORE UPDATE ON tracking_outbox BEGIN SELECT RAISE(ABORT, 'the tracking outbox is kept as recorded'); END`,
  `CREATE TRIGGER tracking_outbox_no_delete BEFORE DELETE ON tracking_outbox BEGIN SELECT RAISE(ABORT, 'the tracking outbox is kept as recorded'); END`,

  // acked_seq: the outbox seq head office acknowledged. pull_position: where the next pull of
  // head-office events starts. received_at: when head office last sent tracking (what an offline lookup shows).
  `CREATE TABLE tracking_replication (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
     pull_position INTEGER NOT NULL DEFAULT 0 CHECK (pull_position >= 0),
     received_at TEXT
   )`,
  `INSERT INTO tracking_replication (id) VALUES (1)`,

  // For an event received from head office: the branch that recorded it, NULL when head office did.
  `ALTER TABLE tracking_events ADD COLUMN recorded_by TEXT`,

  // Export customs codes head office may send (DOMAIN: EXA–EXD); unknown codes still arrive (see head-office-events.ts).
  `INSERT OR IGNORE INTO tracking_event_codes VALUES ('EXB', 'Retenu par la douane à l''export', 'Held by export customs', 'محتجز لدى جمارك التصدير', 0)`,
  `INSERT OR IGNORE INTO tracking_event_codes VALUES ('EXC', 'Sorti de la douane à l''export', 'Returned from export customs', 'خرج من جمارك التصدير', 0)`,
  `INSERT OR IGNORE INTO tracking_event_codes VALUES ('EXD', 'Retenu au bureau d''échange de départ', 'Held at outward office of exchange', 'محتجز في مكتب التبادل الصادر', 0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER tracking_events_outbox').execute(db);
  for (const table of ['tracking_replication', 'tracking_outbox']) await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw('ALTER TABLE tracking_events DROP COLUMN recorded_by').execute(db);
}
