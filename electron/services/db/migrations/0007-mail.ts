import { sql, type Kysely } from 'kysely';

/**
 * Mail and parcels at the counter: S10 ranges and the numbers issued from them, accepted items
 * with their customs declarations, tracking events (codes kept in data), weighings, retail stock,
 * frequent senders, and parcels announced for pickup. Issued numbers, items, declarations,
 * weighings and tracking events are evidence: triggers refuse to change or delete them.
 */
const keep = (table: string, what: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} are kept as recorded'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} are kept as recorded'); END`,
];

const TRACKING_CODES: Array<[string, string, string, string, number]> = [
  ['EMA', 'Dépôt / prise en charge', 'Posting / acceptance', 'الإيداع / القبول', 1],
  ['EMB', "Arrivée au bureau d'échange de départ", 'Arrival at outward office of exchange', 'الوصول إلى مكتب التبادل الصادر', 0],
  ['EMC', "Départ du bureau d'échange", 'Departure from outward office of exchange', 'المغادرة من مكتب التبادل الصادر', 0],
  ['EMD', "Arrivée au bureau d'échange d'arrivée", 'Arrival at inward office of exchange', 'الوصول إلى مكتب التبادل الوارد', 0],
  ['EMJ', 'Arrivée en transit', 'Arrival at transit office', 'الوصول إلى مكتب العبور', 0],
  ['EMK', 'Départ du transit', 'Departure from transit office', 'المغادرة من مكتب العبور', 0],
  ['EDA', "Retenu au bureau d'arrivée", 'Held at inward office of exchange', 'محتجز في مكتب التبادل الوارد', 1],
  ['EDB', 'Présenté à la douane', 'Presented to import customs', 'مقدم إلى جمارك الاستيراد', 0],
  ['EXA', "Présenté à la douane à l'export", 'Presented to export customs', 'مقدم إلى جمارك التصدير', 0],
  ['EXX', 'Export annulé', 'Export cancelled', 'إلغاء التصدير', 0],
  // Counter events below: codes to confirm against the UPU list before exchange; kept in data for that reason.
  ['EMG', 'Arrivé au bureau de distribution', 'Arrival at delivery office', 'الوصول إلى مكتب التوزيع', 1],
  ['EMH', 'Tentative de distribution', 'Attempted delivery', 'محاولة التسليم', 1],
  ['EMI', 'Distribué au destinataire', 'Delivered to recipient', 'سُلّم إلى المرسل إليه', 1],
  ['EME', "Renvoyé à l'expéditeur", 'Returned to sender', 'أُعيد إلى المرسل', 1],
];

const statements = [
  `CREATE TABLE s10_ranges (
     id TEXT PRIMARY KEY,
     service_indicator TEXT NOT NULL,
     country TEXT NOT NULL,
     first_serial INTEGER NOT NULL CHECK (first_serial BETWEEN 0 AND 99999999),
     last_serial INTEGER NOT NULL CHECK (last_serial BETWEEN first_serial AND 99999999),
     next_serial INTEGER NOT NULL CHECK (next_serial BETWEEN first_serial AND last_serial + 1),
     source TEXT NOT NULL,
     received_at TEXT NOT NULL
   )`,
  // The counter only moves forward: a serial handed out is never handed out again.
  `CREATE TRIGGER s10_ranges_forward BEFORE UPDATE ON s10_ranges
   WHEN NEW.next_serial < OLD.next_serial OR NEW.first_serial <> OLD.first_serial OR NEW.last_serial <> OLD.last_serial
   BEGIN SELECT RAISE(ABORT, 'an S10 range only moves forward'); END`,
  `CREATE TABLE s10_issued (
     s10 TEXT PRIMARY KEY,
     service_indicator TEXT NOT NULL,
     serial INTEGER NOT NULL,
     range_id TEXT NOT NULL REFERENCES s10_ranges (id),
     operation_id TEXT NOT NULL,
     issued_at TEXT NOT NULL,
     UNIQUE (service_indicator, serial)
   )`,
  ...keep('s10_issued', 'issued S10 numbers'),

  `CREATE TABLE mail_weighings (
     id TEXT PRIMARY KEY,
     source TEXT NOT NULL CHECK (source IN ('scale', 'manual')),
     device_id TEXT,
     grams INTEGER NOT NULL CHECK (grams > 0),
     reason TEXT,
     operator TEXT NOT NULL,
     at TEXT NOT NULL,
     CHECK (source = 'scale' OR reason IS NOT NULL)
   )`,
  ...keep('mail_weighings', 'weighings'),

  `CREATE TABLE mail_items (
     s10 TEXT PRIMARY KEY REFERENCES s10_issued (s10),
     operation_id TEXT NOT NULL,
     service TEXT NOT NULL,
     zone TEXT NOT NULL,
     destination_country TEXT NOT NULL,
     weighing_id TEXT NOT NULL REFERENCES mail_weighings (id),
     chargeable_grams INTEGER NOT NULL,
     dimensions TEXT,
     sender TEXT NOT NULL,
     recipient TEXT NOT NULL,
     declared_value INTEGER NOT NULL DEFAULT 0,
     postage INTEGER NOT NULL,
     insurance INTEGER NOT NULL,
     surcharges TEXT NOT NULL,
     total INTEGER NOT NULL,
     currency TEXT NOT NULL,
     tariff_version TEXT NOT NULL,
     accepted_by TEXT NOT NULL,
     accepted_at TEXT NOT NULL
   )`,
  `CREATE INDEX mail_items_operation ON mail_items (operation_id)`,
  ...keep('mail_items', 'accepted items'),

  `CREATE TABLE customs_declarations (
     s10 TEXT PRIMARY KEY REFERENCES mail_items (s10),
     form TEXT NOT NULL CHECK (form IN ('CN22', 'CN23')),
     category TEXT NOT NULL,
     explanation TEXT,
     total_value INTEGER NOT NULL,
     currency TEXT NOT NULL
   )`,
  `CREATE TABLE customs_lines (
     s10 TEXT NOT NULL REFERENCES customs_declarations (s10),
     line_no INTEGER NOT NULL,
     description TEXT NOT NULL,
     quantity INTEGER NOT NULL CHECK (quantity > 0),
     net_weight_grams INTEGER NOT NULL CHECK (net_weight_grams > 0),
     value INTEGER NOT NULL CHECK (value >= 0),
     hs_code TEXT,
     origin_country TEXT,
     PRIMARY KEY (s10, line_no)
   )`,
  ...keep('customs_declarations', 'customs declarations'),
  ...keep('customs_lines', 'customs lines'),

  `CREATE TABLE tracking_event_codes (
     code TEXT PRIMARY KEY,
     name_fr TEXT NOT NULL,
     name_en TEXT NOT NULL,
     name_ar TEXT NOT NULL,
     at_counter INTEGER NOT NULL CHECK (at_counter IN (0, 1))
   )`,
  ...TRACKING_CODES.map(
    ([code, fr, en, ar, counter]) =>
      `INSERT INTO tracking_event_codes VALUES ('${code}', '${fr.replace(/'/g, "''")}', '${en.replace(/'/g, "''")}', '${ar}', ${counter})`,
  ),
  `CREATE TABLE tracking_events (
     id TEXT PRIMARY KEY,
     s10 TEXT NOT NULL,
     code TEXT NOT NULL REFERENCES tracking_event_codes (code),
     at TEXT NOT NULL,
     office TEXT NOT NULL,
     operator TEXT,
     operation_id TEXT,
     source TEXT NOT NULL CHECK (source IN ('counter', 'head-office')),
     note TEXT
   )`,
  `CREATE INDEX tracking_events_item ON tracking_events (s10, at)`,
  ...keep('tracking_events', 'tracking events'),

  // Stock per branch (this database is the branch's): sold units go out in the sale's transaction.
  `CREATE TABLE retail_stock (
     product_code TEXT PRIMARY KEY,
     ean TEXT NOT NULL UNIQUE,
     quantity INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   )`,

  `CREATE TABLE frequent_senders (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     address TEXT NOT NULL,
     phone TEXT,
     country TEXT NOT NULL,
     uses INTEGER NOT NULL DEFAULT 1,
     last_used_at TEXT NOT NULL
   )`,
  `CREATE INDEX frequent_senders_name ON frequent_senders (name COLLATE NOCASE)`,

  `CREATE TABLE pickup_parcels (
     id TEXT PRIMARY KEY,
     barcode TEXT NOT NULL UNIQUE,
     marketplace TEXT NOT NULL,
     sender TEXT NOT NULL,
     recipient_name TEXT NOT NULL,
     recipient_phone TEXT,
     pickup_code TEXT NOT NULL,
     amount_to_collect INTEGER NOT NULL CHECK (amount_to_collect >= 0),
     currency TEXT NOT NULL,
     announced_on TEXT NOT NULL,
     version INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'delivered', 'returned')),
     delivered_at TEXT,
     delivered_by TEXT,
     id_document_type TEXT,
     id_document_number TEXT,
     operation_id TEXT UNIQUE,
     returned_at TEXT,
     CHECK (status <> 'delivered' OR (id_document_type IS NOT NULL AND id_document_number IS NOT NULL AND delivered_at IS NOT NULL))
   )`,
  `CREATE INDEX pickup_parcels_status ON pickup_parcels (status, announced_on)`,
  // A hand-over is final: the parcel left the branch.
  `CREATE TRIGGER pickup_parcels_final BEFORE UPDATE ON pickup_parcels
   WHEN OLD.status <> 'waiting'
   BEGIN SELECT RAISE(ABORT, 'a parcel handed over or returned stays so'); END`,
  `CREATE TRIGGER pickup_parcels_no_delete BEFORE DELETE ON pickup_parcels
   BEGIN SELECT RAISE(ABORT, 'pickup parcels are kept'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'pickup_parcels', 'frequent_senders', 'retail_stock', 'tracking_events', 'tracking_event_codes', 'customs_lines',
    'customs_declarations', 'mail_items', 'mail_weighings', 's10_issued', 's10_ranges',
  ]) {
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  }
}
