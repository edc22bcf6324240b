import type { Sqlite } from '../db/open-database';
import type { HeadOfficeRegisterApi, RecordPushAnswer } from '../headoffice/register-api';
import { registerOutboxRepository } from './register-outbox.repository';

/** Head office refused a batch of register records: the job keeps trying, slowly, and shows why. */
export class RegisterRefusal extends Error {
  constructor(readonly answer: RecordPushAnswer) {
    super(`head office refused a batch of register records (${answer.status}): ${answer.detail ?? 'no detail'}`);
    this.name = 'RegisterRefusal';
  }
}

/**
 * The register stream (customers now; savings accounts and other registers later),
 * pushed by the replication job after the ledger batch of each cycle: the outbox
 * from the acknowledged seq, in order, in batches. Head office checks that each
 * batch continues the acknowledged sequence and holds each record once, so a lost
 * reply or a crash before the acknowledgement was stored costs only a resend.
 */
export class RegisterReplication {
  private readonly outbox;

  constructor(
    sqlite: Sqlite,
    private readonly batchSize = 500,
  ) {
    this.outbox = registerOutboxRepository(sqlite);
  }

  /** Register records written here that head office has not acknowledged. */
  unsynced(): number {
    return this.outbox.unsynced();
  }

  ackedSeq(): number {
    return this.outbox.ackedSeq();
  }

  async push(api: HeadOfficeRegisterApi, closed: () => boolean): Promise<void> {
    for (;;) {
      if (closed()) return;
      const { columns, count } = this.outbox.unsent(this.ackedSeq(), this.batchSize);
      if (count === 0) return;
      const answer = await api.push(columns);
      if (closed()) return;
      if (answer.status === 'gap') {
        // Head office holds less than it acknowledged before (restored): send again from what it holds.
        this.outbox.rewind(answer.acked_seq);
        continue;
      }
      if (answer.status !== 'ok') throw new RegisterRefusal(answer);
      this.outbox.ack(answer.acked_seq);
    }
  }
}
