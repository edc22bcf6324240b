import type { KeyObject } from 'node:crypto';
import type { Sqlite } from '../db/open-database';
import { journalKeys, signedHashAt } from './journal-keys.repository';
import { publicKeyFromRaw, signatureHolds } from './journal-signature';
import type { JournalKeyTable } from './ledger.tables';
import { transferIdAt } from './transfers.repository';

export interface SignaturesVerdict {
  /** The first transfer no valid signature vouches for; null when the head is signed and holds. */
  firstBadSeq: number | null;
  firstBadTransferId: string | null;
  detail: string;
  /** Fingerprint of the key that signed the head, when its signature holds. */
  signedBy: string | null;
}

/**
 * Each hash covers every row before it, so one valid signature at the head
 * vouches for the whole chain (the hashes themselves are recomputed by the
 * caller): one Ed25519 check, whatever the ledger's size. When the head fails,
 * the operations' signatures locate the rewrite: a rewrite from row k breaks
 * every signature at or after k and none before, so a binary search over them
 * finds the last signature that still holds; the first bad row is the one after it.
 */
export function checkSignatures(sqlite: Sqlite, signedSeqs: number[], headSeq: number, fingerprint: string | null): SignaturesVerdict {
  if (headSeq === 0) return { firstBadSeq: null, firstBadTransferId: null, detail: 'no transfers to sign', signedBy: null };
  const keys = new Map<number, { row: JournalKeyTable; key: KeyObject | null }>(journalKeys(sqlite).map((k) => [k.id, { row: k, key: null }]));
  const signerOf = (index: number): string | null => {
    const seq = signedSeqs[index]!;
    const stored = signedHashAt(sqlite, seq);
    const known = stored ? keys.get(stored.key_id) : undefined;
    // A key signs from the head it adopted (first_seq − 1) on, never further back.
    if (!stored || !known || seq < known.row.first_seq - 1) return null;
    known.key ??= publicKeyFromRaw(known.row.public_key);
    return signatureHolds(known.key, stored.hash, stored.signature) ? known.row.fingerprint : null;
  };
  const bad = (seq: number, detail: string): SignaturesVerdict => ({ firstBadSeq: seq, firstBadTransferId: transferIdAt(sqlite, seq), detail, signedBy: null });

  const last = signedSeqs.length - 1;
  const headSigner = last >= 0 && signedSeqs[last] === headSeq ? signerOf(last) : null;
  if (headSigner !== null) {
    if (fingerprint !== null && headSigner !== fingerprint) {
      return bad(headSeq, `the last transfer is signed by key ${headSigner}, not by ${fingerprint}`);
    }
    return { firstBadSeq: null, firstBadTransferId: null, detail: `${signedSeqs.length} operation signatures; the last transfer is signed by key ${headSigner}`, signedBy: headSigner };
  }
  // The last signature that holds: signatures before a rewrite hold, those after it do not.
  let low = 0;
  let high = last;
  let lastGood = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (signerOf(middle) !== null) {
      lastGood = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const vouchedUpTo = lastGood >= 0 ? signedSeqs[lastGood]! : 0;
  const firstBad = vouchedUpTo + 1;
  if (lastGood === last) {
    return bad(firstBad, `transfers seq ${firstBad}–${headSeq} carry no signature of the branch key: added outside the ledger`);
  }
  return bad(firstBad, `the signature at seq ${signedSeqs[lastGood + 1]} does not match: the rows from seq ${firstBad} were rewritten after they were signed`);
}
