import type { Sqlite } from '../db/open-database';
import { RECORD_PUSH_COLUMNS } from '../headoffice/migrations/0011-customer-register';
import type { HeadOfficeRegisterApi, RecordPushAnswer } from '../headoffice/register-api';

/** Head office refused a batch of register records: the job keeps trying, slowly, and shows why. */
export class RegisterRefusal extends Error {
  constructor(readonly answer: RecordPushAnswer) {
    super(`head office refused a batch of register records (${answer.status}): ${answer.detail ?? 'no detail'}`);
    this.name = 'RegisterRefusal';
  }
}

const OUTBOX_SELECT = RECORD_PUSH_COLUMNS.map(([name]) => name).join(', ');

/**
 * The register stream (customers now; savings accounts and other registers later),
 * pushed by the replication job after the ledger batch of each cycle: the outbox
 * from the acknowledged seq, in order, in batches. Head office checks that each
 * batch continues the acknowledged sequence and holds each record once, so a lost
 * reply or a crash before the acknowledgement was stored costs only a resend.
 */
export class RegisterReplication {
  private readonly statements;

  constructor(
    sqlite: Sqlite,
    private readonly batchSize = 500,
  ) {
    this.statements = {
      acked: sqlite.prepare<[], { acked_seq: number }>('SELECT acked_seq FROM register_replication WHERE id = 1'),
      unsent: sqlite.prepare<[number, number], unknown[]>(`SELECT ${OUTBOX_SELECT} FROM register_outbox WHERE seq > ? ORDER BY seq LIMIT ?`).raw(true),
      unsynced: sqlite.prepare<[], { n: number }>(
        'SELECT count(*) AS n FROM register_outbox WHERE seq > (SELECT acked_seq FROM register_replication WHERE id = 1)',
      ),
      // Only forward on success; `gap` (head office restored from an older backup) sets it back on purpose.
      ack: sqlite.prepare('UPDATE register_replication SET acked_seq = max(acked_seq, ?) WHERE id = 1'),
      rewind: sqlite.prepare('UPDATE register_replication SET acked_seq = ? WHERE id = 1'),
    };
  }

  /** Register records written here that head office has not acknowledged. */
  unsynced(): number {
    return this.statements.unsynced.get()!.n;
  }

  ackedSeq(): number {
    return this.statements.acked.get()!.acked_seq;
  }

  async push(api: HeadOfficeRegisterApi, closed: () => boolean): Promise<void> {
    for (;;) {
      if (closed()) return;
      const rows = this.statements.unsent.all(this.ackedSeq(), this.batchSize);
      if (rows.length === 0) return;
      const columns = RECORD_PUSH_COLUMNS.map((_, c) => rows.map((row) => row[c]));
      const answer = await api.push(columns);
      if (closed()) return;
      if (answer.status === 'gap') {
        // Head office holds less than it acknowledged before (restored): send again from what it holds.
        this.statements.rewind.run(answer.acked_seq);
        continue;
      }
      if (answer.status !== 'ok') throw new RegisterRefusal(answer);
      this.statements.ack.run(answer.acked_seq);
    }
  }
}
