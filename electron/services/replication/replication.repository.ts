import type { Selectable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { ONE_ROW, typedColumns, typedStatement } from '../db/typed-statement';
import type { ReferenceItem } from '../headoffice/head-office-api';
import { PUSH_COLUMNS } from '../headoffice/migrations/0002-branch-functions';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import type { ReplicationCorrectionTable, ReplicationCursorTable, ReplicationReferenceTable } from './replication.tables';

type ReplicationCursor = Selectable<ReplicationCursorTable>;
type LedgerTransfer = Selectable<LedgerTransferTable>;
type PulledReference = Omit<Selectable<ReplicationReferenceTable>, 'received_at'>;
type PulledCorrection = Pick<Selectable<ReplicationCorrectionTable>, 'id' | 'version' | 'body' | 'published_by'>;

const PUSHED = PUSH_COLUMNS.map(([name]) => name);

/**
 * The branch database as replication sees it: short synchronous reads, never a long lock. The
 * statements are made once per job and run for every batch.
 */
export class ReplicationStore {
  private readonly statements;

  constructor(private readonly sqlite: Sqlite) {
    this.statements = {
      cursor: typedStatement(sqlite, (db) => db.selectFrom('replication_cursor').selectAll().where('id', '=', 1)),
      last: typedStatement(sqlite, (db) => db.selectFrom('ledger_transfers').select(['seq', 'hash']).orderBy('seq', 'desc').limit(ONE_ROW)),
      at: typedStatement(sqlite, (db, p: { seq: number }) => db.selectFrom('ledger_transfers').selectAll().where('seq', '=', p.seq)),
      unsent: typedStatement(sqlite, (db, p: { after: number; limit: number }) =>
        db.selectFrom('ledger_transfers').selectAll().where('seq', '>', p.after).orderBy('seq').limit(p.limit),
      ),
      // A batch ends where an operation ends: its last row carries the signature head office checks.
      // The last signed seq within the limit, else the first one after it (an operation larger than the limit goes whole).
      signedEnd: typedStatement(sqlite, (db, p: { after: number; upTo: number }) =>
        db.selectNoFrom((eb) =>
          eb.fn
            .coalesce(
              eb.selectFrom('ledger_signatures').select((s) => s.fn.max('seq').as('seq')).where('seq', '>', p.after).where('seq', '<=', p.upTo),
              eb.selectFrom('ledger_signatures').select((s) => s.fn.min('seq').as('seq')).where('seq', '>', p.after),
            )
            .as('seq'),
        ),
      ),
      signatureAt: typedStatement(sqlite, (db, p: { seq: number }) => db.selectFrom('ledger_signatures').select('signature').where('seq', '=', p.seq)),
      journalKey: typedStatement(sqlite, (db) => db.selectFrom('journal_keys').select('public_key').orderBy('id', 'desc').limit(ONE_ROW)),
      unsentPushed: typedColumns(sqlite, (db, p: { after: number; limit: number }) =>
        db.selectFrom('ledger_transfers').select(PUSHED).where('seq', '>', p.after).orderBy('seq').limit(p.limit),
      ),
      // The cursor only moves forward here: a late answer never undoes a newer one.
      ack: typedStatement(sqlite, (db, p: { seq: number; hash: string; at: string }) =>
        db
          .updateTable('replication_cursor')
          .set((eb) => ({
            acked_seq: p.seq,
            acked_hash: p.hash,
            last_success_at: p.at,
            updated_at: p.at,
            head_office_seq: eb.fn<number>('max', [eb.ref('head_office_seq'), eb.val(p.seq)]),
          }))
          .where('id', '=', 1)
          .where('acked_seq', '<=', p.seq),
      ),
      success: typedStatement(sqlite, (db, p: { at: string }) => db.updateTable('replication_cursor').set({ last_success_at: p.at }).where('id', '=', 1)),
      rewind: typedStatement(sqlite, (db, p: { seq: number; hash: string; at: string }) =>
        db.updateTable('replication_cursor').set({ acked_seq: p.seq, acked_hash: p.hash, updated_at: p.at }).where('id', '=', 1),
      ),
      ahead: typedStatement(sqlite, (db, p: { seq: number }) =>
        db
          .updateTable('replication_cursor')
          .set((eb) => ({ head_office_seq: eb.fn<number>('max', [eb.ref('head_office_seq'), eb.val(p.seq)]) }))
          .where('id', '=', 1),
      ),
      pulled: typedStatement(sqlite, (db, p: { version: number }) =>
        db
          .updateTable('replication_cursor')
          .set((eb) => ({ pull_version: eb.fn<number>('max', [eb.ref('pull_version'), eb.val(p.version)]) }))
          .where('id', '=', 1),
      ),
      // A newer version replaces the item; an older one arriving late changes nothing.
      reference: typedStatement(sqlite, (db, p: PulledReference & { received_at: string }) =>
        db
          .insertInto('replication_reference')
          .values({ kind: p.kind, key: p.key, version: p.version, body: p.body, published_by: p.published_by, published_at: p.published_at, received_at: p.received_at })
          .onConflict((oc) =>
            oc
              .columns(['kind', 'key'])
              .doUpdateSet((eb) => ({
                version: eb.ref('excluded.version'),
                body: eb.ref('excluded.body'),
                published_by: eb.ref('excluded.published_by'),
                published_at: eb.ref('excluded.published_at'),
                received_at: eb.ref('excluded.received_at'),
              }))
              .whereRef('excluded.version', '>', 'replication_reference.version'),
          ),
      ),
      correction: typedStatement(sqlite, (db, p: PulledCorrection & { received_at: string }) =>
        db
          .insertInto('replication_corrections')
          .values({ id: p.id, version: p.version, body: p.body, published_by: p.published_by, received_at: p.received_at })
          .onConflict((oc) => oc.column('id').doNothing()),
      ),
    };
  }

  cursor(): ReplicationCursor {
    // Migration 0005 wrote the one row; nothing deletes it.
    return this.statements.cursor.get({})!;
  }

  lastTransfer(): { seq: number; hash: string } | null {
    return this.statements.last.get({}) ?? null;
  }

  transferAt(seq: number): LedgerTransfer | undefined {
    return this.statements.at.get({ seq });
  }

  unsent(afterSeq: number, limit: number): LedgerTransfer[] {
    return this.statements.unsent.all({ after: afterSeq, limit });
  }

  /**
   * The same rows as `unsent`, as one array per pushed column (see PUSH_COLUMNS), cut at
   * the last signed transfer within `limit` (an operation larger than the limit goes whole):
   * head office checks the signature of a batch's last hash.
   */
  unsentColumns(afterSeq: number, limit: number): { columns: unknown[][]; count: number; lastSeq: number | null; signature: string | null } {
    const end = this.statements.signedEnd.get({ after: afterSeq, upTo: afterSeq + limit })?.seq ?? null;
    const rows = this.statements.unsentPushed.columns({ after: afterSeq, limit: end === null ? limit : end - afterSeq });
    const count = rows.seq.length;
    const lastSeq = count > 0 ? rows.seq[count - 1]! : null;
    const signature = lastSeq === null ? null : (this.statements.signatureAt.get({ seq: lastSeq })?.signature ?? null);
    return { columns: PUSHED.map((name) => rows[name]), count, lastSeq, signature };
  }

  /** The journal public key this database signs with (raw, base64), offered to head office. */
  journalPublicKey(): string | null {
    return this.statements.journalKey.get({})?.public_key ?? null;
  }

  unsyncedCount(): number {
    return Math.max(0, (this.lastTransfer()?.seq ?? 0) - this.cursor().acked_seq);
  }

  saveAcked(seq: number, hash: string, at: string): void {
    this.statements.ack.run({ seq, hash, at });
  }

  markSuccess(at: string): void {
    this.statements.success.run({ at });
  }

  /** Head office holds less than the branch thought (head office restored): send again from there. */
  rewindAcked(seq: number, hash: string, at: string): void {
    this.statements.rewind.run({ seq, hash, at });
  }

  /** From now on the database refuses to book at or below `seq` until the rows are recovered. */
  markHeadOfficeAhead(seq: number): void {
    this.statements.ahead.run({ seq });
  }

  savePulled(items: ReferenceItem[], receivedAt: string): void {
    this.sqlite.transaction(() => {
      let version = 0;
      for (const item of items) {
        version = Math.max(version, item.version);
        const base = { version: item.version, body: JSON.stringify(item.body), published_by: item.published_by, received_at: receivedAt };
        if (item.kind === 'correction') this.statements.correction.run({ ...base, id: item.key });
        else this.statements.reference.run({ ...base, kind: item.kind, key: item.key, published_at: item.published_at });
      }
      this.statements.pulled.run({ version });
    })();
  }
}
