import { sql, type Selectable } from 'kysely';
import { all, build, first, ONE_ROW, perDatabase, typedStatement } from '../db/typed-statement';
import type { CustomsDeclarationTable, CustomsLineTable, FrequentSenderTable, MailItemTable, MailWeighingTable, S10IssuedTable } from './mail.tables';

export type MailItemRow = Selectable<MailItemTable>;
export type MailWeighingRow = Selectable<MailWeighingTable>;
export type FrequentSenderRow = Selectable<FrequentSenderTable>;

/** The most senders one search shows. */
const SENDERS_FOUND = 10;

/**
 * The SQL of mail at the counter: S10 numbers, weighings, accepted items with their customs
 * declarations, frequent senders, and what a reprint reads back. Statements made once per
 * database: a basket runs most of them for every item, inside its ledger transaction.
 */
export const mailRepository = perDatabase((sqlite) => {
  const openRange = typedStatement(sqlite, (db, p: { indicator: string }) =>
    db
      .selectFrom('s10_ranges')
      .select(['id', 'country', 'next_serial'])
      .where('service_indicator', '=', p.indicator)
      .whereRef('next_serial', '<=', 'last_serial')
      .orderBy('first_serial')
      .limit(ONE_ROW),
  );
  const advanceRange = typedStatement(sqlite, (db, p: { id: string }) =>
    db
      .updateTable('s10_ranges')
      .set((eb) => ({ next_serial: eb('next_serial', '+', 1) }))
      .where('id', '=', p.id),
  );
  const issue = typedStatement(sqlite, (db, p: Selectable<S10IssuedTable>) =>
    db.insertInto('s10_issued').values({ s10: p.s10, service_indicator: p.service_indicator, serial: p.serial, range_id: p.range_id, operation_id: p.operation_id, issued_at: p.issued_at }),
  );
  const insertWeighing = typedStatement(sqlite, (db, p: MailWeighingRow) =>
    db.insertInto('mail_weighings').values({ id: p.id, source: p.source, device_id: p.device_id, grams: p.grams, reason: p.reason, operator: p.operator, at: p.at }),
  );
  const weighing = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('mail_weighings').selectAll().where('id', '=', p.id));
  const stocked = typedStatement(sqlite, (db, p: { ean: string }) => db.selectFrom('retail_stock').select('product_code').where('ean', '=', p.ean));
  const insertItem = typedStatement(sqlite, (db, p: MailItemRow) =>
    db.insertInto('mail_items').values({
      // Field by field: `p` stands for the values and has no fields of its own to spread.
      s10: p.s10,
      operation_id: p.operation_id,
      service: p.service,
      zone: p.zone,
      destination_country: p.destination_country,
      weighing_id: p.weighing_id,
      chargeable_grams: p.chargeable_grams,
      dimensions: p.dimensions,
      sender: p.sender,
      recipient: p.recipient,
      declared_value: p.declared_value,
      postage: p.postage,
      insurance: p.insurance,
      surcharges: p.surcharges,
      total: p.total,
      currency: p.currency,
      tariff_version: p.tariff_version,
      accepted_by: p.accepted_by,
      accepted_at: p.accepted_at,
    }),
  );
  const insertDeclaration = typedStatement(sqlite, (db, p: Selectable<CustomsDeclarationTable>) =>
    db.insertInto('customs_declarations').values({ s10: p.s10, form: p.form, category: p.category, explanation: p.explanation, total_value: p.total_value, currency: p.currency }),
  );
  const insertCustomsLine = typedStatement(sqlite, (db, p: Selectable<CustomsLineTable>) =>
    db.insertInto('customs_lines').values({
      s10: p.s10,
      line_no: p.line_no,
      description: p.description,
      quantity: p.quantity,
      net_weight_grams: p.net_weight_grams,
      value: p.value,
      hs_code: p.hs_code,
      origin_country: p.origin_country,
    }),
  );
  const rememberSender = typedStatement(sqlite, (db, p: Omit<FrequentSenderRow, 'uses'>) =>
    db
      .insertInto('frequent_senders')
      .values({ id: p.id, name: p.name, address: p.address, phone: p.phone, country: p.country, uses: 1, last_used_at: p.last_used_at })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          uses: eb('frequent_senders.uses', '+', 1),
          last_used_at: eb.ref('excluded.last_used_at'),
          // A visit without a phone number keeps the one known.
          phone: eb.fn.coalesce(eb.fn<string | null>('nullif', [eb.ref('excluded.phone'), eb.val('')]), eb.ref('frequent_senders.phone')),
        })),
      ),
  );
  const senders = typedStatement(sqlite, (db, p: { pattern: string }) =>
    db
      .selectFrom('frequent_senders')
      .selectAll()
      // LIKE with an escape character: Kysely has no ESCAPE clause.
      .where(sql<boolean>`(name LIKE ${p.pattern} ESCAPE '\\' OR phone LIKE ${p.pattern} ESCAPE '\\')`)
      .orderBy('uses', 'desc')
      .orderBy('last_used_at', 'desc')
      .limit(SENDERS_FOUND),
  );

  return {
    /** The range an indicator's next number comes from: the oldest one not used up. */
    openRange: (indicator: string) => openRange.get({ indicator }),
    advanceRange: (id: string): void => void advanceRange.run({ id }),
    issue: (row: Selectable<S10IssuedTable>): void => void issue.run(row),
    insertWeighing: (row: MailWeighingRow): void => void insertWeighing.run(row),
    weighing: (id: string) => weighing.get({ id }),
    /** The product on the shelf under this EAN. */
    productCodeOf: (ean: string) => stocked.get({ ean })?.product_code,
    shelf: () => all(sqlite, build.selectFrom('retail_stock').select(['product_code', 'ean', 'quantity']).orderBy('product_code')),
    insertItem: (row: MailItemRow): void => void insertItem.run(row),
    insertDeclaration: (row: Selectable<CustomsDeclarationTable>): void => void insertDeclaration.run(row),
    insertCustomsLine: (row: Selectable<CustomsLineTable>): void => void insertCustomsLine.run(row),
    /** One more visit of this sender (the first one adds them). */
    rememberSender: (sender: Omit<FrequentSenderRow, 'uses'>): void => void rememberSender.run(sender),
    /** Senders whose name or phone contains `fragment` (a % or _ typed is a character to find), the most frequent first. */
    senders: (fragment: string): FrequentSenderRow[] => senders.all({ pattern: `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }),
    /** What a reprint needs of an item: the acceptance it belongs to and its parties. */
    item: (s10: string) => first(sqlite, build.selectFrom('mail_items').select(['operation_id', 'sender', 'recipient', 'accepted_at']).where('s10', '=', s10)),
    /** The stored result of a mail acceptance (the booked basket with its receipt). */
    acceptanceResult: (operationId: string) =>
      first(sqlite, build.selectFrom('ledger_operations').select('result').where('id', '=', operationId).where('kind', '=', 'mail-acceptance'))?.result,
    /** The void of an operation, if it was voided. */
    voidOf: (operationId: string) => first(sqlite, build.selectFrom('ledger_operations').select('id').where('reverses_operation_id', '=', operationId))?.id,
  };
});
