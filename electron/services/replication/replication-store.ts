import type { Sqlite } from '../db/open-database';
import type { LedgerTransferTable } from '../ledger/ledger.tables';
import type { ReferenceItem } from '../headoffice/head-office-api';
import { PUSH_COLUMNS } from '../headoffice/migrations/0002-branch-functions';
import type { ReplicationCorrectionTable, ReplicationCursorTable } from './replication.tables';

/** The branch database as replication sees it: short synchronous reads, never a long lock. */
export class ReplicationStore {
  private readonly statements;

  constructor(private readonly sqlite: Sqlite) {
    this.statements = {
      cursor: sqlite.prepare<[], ReplicationCursorTable>('SELECT * FROM replication_cursor WHERE id = 1'),
      last: sqlite.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM ledger_transfers ORDER BY seq DESC LIMIT 1'),
      at: sqlite.prepare<[number], LedgerTransferTable>('SELECT * FROM ledger_transfers WHERE seq = ?'),
      unsent: sqlite.prepare<[number, number], LedgerTransferTable>('SELECT * FROM ledger_transfers WHERE seq > ? ORDER BY seq LIMIT ?'),
      // A batch ends where an operation ends: its last row carries the signature head office checks.
      signedEnd: sqlite.prepare<[number, number, number], { seq: number | null }>(
        'SELECT coalesce((SELECT max(seq) FROM ledger_signatures WHERE seq > ? AND seq <= ?), (SELECT min(seq) FROM ledger_signatures WHERE seq > ?)) AS seq',
      ),
      signatureAt: sqlite.prepare<[number], { signature: string }>('SELECT signature FROM ledger_signatures WHERE seq = ?'),
      journalKey: sqlite.prepare<[], { public_key: string }>('SELECT public_key FROM journal_keys ORDER BY id DESC LIMIT 1'),
      unsentRaw: sqlite
        .prepare<[number, number], unknown[]>(`SELECT ${PUSH_COLUMNS.map(([name]) => name).join(', ')} FROM ledger_transfers WHERE seq > ? ORDER BY seq LIMIT ?`)
        .raw(true),
      // The cursor only moves forward here: a late answer never undoes a newer one.
      ack: sqlite.prepare(
        `UPDATE replication_cursor SET acked_seq = @seq, acked_hash = @hash, last_success_at = @at, updated_at = @at,
           head_office_seq = max(head_office_seq, @seq) WHERE id = 1 AND acked_seq <= @seq`,
      ),
      success: sqlite.prepare('UPDATE replication_cursor SET last_success_at = @at WHERE id = 1'),
      rewind: sqlite.prepare('UPDATE replication_cursor SET acked_seq = @seq, acked_hash = @hash, updated_at = @at WHERE id = 1'),
      ahead: sqlite.prepare('UPDATE replication_cursor SET head_office_seq = max(head_office_seq, ?) WHERE id = 1'),
      pulled: sqlite.prepare('UPDATE replication_cursor SET pull_version = max(pull_version, ?) WHERE id = 1'),
      reference: sqlite.prepare(
        `INSERT INTO replication_reference (kind, key, version, body, published_by, published_at, received_at)
         VALUES (@kind, @key, @version, @body, @published_by, @published_at, @received_at)
         ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version, body = excluded.body,
           published_by = excluded.published_by, published_at = excluded.published_at, received_at = excluded.received_at
         WHERE excluded.version > replication_reference.version`,
      ),
      correction: sqlite.prepare(
        `INSERT INTO replication_corrections (id, version, body, published_by, received_at)
         VALUES (@id, @version, @body, @published_by, @received_at) ON CONFLICT (id) DO NOTHING`,
      ),
    };
  }

  cursor(): ReplicationCursorTable {
    return this.statements.cursor.get()!;
  }

  lastTransfer(): { seq: number; hash: string } | null {
    return this.statements.last.get() ?? null;
  }

  transferAt(seq: number): LedgerTransferTable | undefined {
    return this.statements.at.get(seq);
  }

  unsent(afterSeq: number, limit: number): LedgerTransferTable[] {
    return this.statements.unsent.all(afterSeq, limit);
  }

  /**
   * The same rows as `unsent`, as one array per pushed column (see PUSH_COLUMNS), cut at
   * the last signed transfer within `limit` (an operation larger than the limit goes whole):
   * head office checks the signature of a batch's last hash.
   */
  unsentColumns(afterSeq: number, limit: number): { columns: unknown[][]; count: number; signature: string | null } {
    const end = this.statements.signedEnd.get(afterSeq, afterSeq + limit, afterSeq)?.seq ?? null;
    const rows = this.statements.unsentRaw.all(afterSeq, end === null ? limit : end - afterSeq);
    const lastSeq = rows.length > 0 ? (rows[rows.length - 1]![0] as number) : null;
    const signature = lastSeq === null ? null : (this.statements.signatureAt.get(lastSeq)?.signature ?? null);
    const columns = PUSH_COLUMNS.map(() => new Array<unknown>(rows.length));
    rows.forEach((row, r) => row.forEach((value, c) => (columns[c]![r] = value)));
    return { columns, count: rows.length, signature };
  }

  /** The journal public key this database signs with (raw, base64), offered to head office. */
  journalPublicKey(): string | null {
    return this.statements.journalKey.get()?.public_key ?? null;
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
    this.statements.ahead.run(seq);
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
      this.statements.pulled.run(version);
    })();
  }

  corrections(): ReplicationCorrectionTable[] {
    return this.sqlite.prepare('SELECT * FROM replication_corrections ORDER BY version').all() as ReplicationCorrectionTable[];
  }
}
