import type { Sqlite } from '../db/open-database';
import { journalKeys, signatureAt } from './journal-keys.repository';
import { publicKeyFromRaw, signatureHolds } from './journal-signature';
import { GENESIS_HASH, transferHash } from './transfer-hash';
import { hashAt, lastClosedCheckpoint, transfersFrom } from './transfers.repository';

export type StartupCheck = { ok: true; fromSeq: number; checked: number } | { ok: false; seq: number; detail: string };

/**
 * Run before the counter trades. `quick_check` sees a broken page structure, not
 * changed bytes inside a row: those pass it and only the hash chain sees them.
 * Walking the whole chain at every start would cost seconds on a large ledger,
 * so this starts from the last signed checkpoint — the last day close, whose
 * full verify covered everything before it: that row must still carry the hash
 * the close recorded — and recomputes every hash after it, then checks the
 * signature of the head. The cost is a day's transfers whatever the ledger's
 * size; the full verify stays for the day close and the CLI.
 */
export function checkJournalAtStart(sqlite: Sqlite): StartupCheck {
  const checkpoint = lastClosedCheckpoint(sqlite);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  if (checkpoint) {
    if (hashAt(sqlite, checkpoint.last_seq) !== checkpoint.last_hash) {
      return { ok: false, seq: checkpoint.last_seq, detail: `transfer seq ${checkpoint.last_seq} no longer has the hash the day close recorded` };
    }
    expectedSeq = checkpoint.last_seq + 1;
    prevHash = checkpoint.last_hash;
  }
  const fromSeq = expectedSeq;
  let checked = 0;
  for (const row of transfersFrom(sqlite, fromSeq)) {
    if (row.seq !== expectedSeq) return { ok: false, seq: expectedSeq, detail: `transfer seq ${expectedSeq} is missing` };
    if (row.prev_hash !== prevHash || transferHash(row.prev_hash, row) !== row.hash) {
      return { ok: false, seq: row.seq, detail: `transfer seq ${row.seq} does not match its hash: the file was changed or damaged` };
    }
    prevHash = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  const headSeq = expectedSeq - 1;
  const keys = journalKeys(sqlite);
  // Before its first key (a database from before signing), adoption signs the head after this check.
  if (headSeq > 0 && keys.length > 0) {
    const signature = signatureAt(sqlite, headSeq);
    const key = keys.find((k) => k.id === signature?.key_id);
    if (!signature || !key || !signatureHolds(publicKeyFromRaw(key.public_key), prevHash, signature.signature)) {
      return { ok: false, seq: headSeq, detail: `the last transfer (seq ${headSeq}) is not signed by the branch key` };
    }
  }
  return { ok: true, fromSeq, checked };
}
