import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Sqlite } from '../db/open-database';
import type { SecretStore } from '../replication/secret-store';
import { allAccounts, writeSeal } from './accounts.repository';
import { balanceWriter } from './balance-writer';
import { insertJournalKey, insertSignature, latestJournalKey, signatureAt } from './journal-keys.repository';
import type { LedgerAccountTable } from './ledger.tables';
import { keyFingerprint, rawPublicKey, signedMessage } from './journal-signature';
import { balancesFromTransfers, chainHead, lastMoves } from './transfers.repository';

export type SealedBalances = Pick<LedgerAccountTable, 'id' | 'debits_posted' | 'debits_pending' | 'credits_posted' | 'credits_pending' | 'last_seq'>;

/**
 * The branch's journal key: signs the last hash of every operation and seals
 * the stored balances. The private half lives only in the secret store
 * (Electron's safeStorage on the desktop); the public half is in
 * `journal_keys` and registered at head office.
 */
export class JournalKey {
  private readonly sealKey: Buffer;

  constructor(
    readonly keyId: number,
    /** Raw Ed25519 public key, base64. */
    readonly publicKey: string,
    readonly fingerprint: string,
    private readonly privateKey: KeyObject,
  ) {
    // A MAC key of its own, derived so no second secret has to be kept in step.
    this.sealKey = createHash('sha256').update('postal-counter balance seal v1\n').update(privateKey.export({ format: 'der', type: 'pkcs8' })).digest();
  }

  /** Ed25519 over the 32 bytes of a transfer hash, base64 (about 50 µs). */
  sign(hashHex: string): string {
    return sign(null, signedMessage(hashHex), this.privateKey).toString('base64');
  }

  /** A keyed MAC over an account's balances and the transfer that last moved them. */
  seal(a: SealedBalances): string {
    return createHmac('sha256', this.sealKey)
      .update(`${a.id}\n${a.debits_posted}\n${a.debits_pending}\n${a.credits_posted}\n${a.credits_pending}\n${a.last_seq ?? ''}`)
      .digest('base64')
      .slice(0, 22);
  }

  sealHolds(a: SealedBalances & Pick<LedgerAccountTable, 'balance_seal'>): boolean {
    return a.balance_seal === this.seal(a);
  }
}

const opened = new WeakMap<Sqlite, JournalKey>();

/** The key `openJournalKey` opened on this connection: for the few writers outside the ledger (a rebuild, a recovery). */
export function journalKeyOf(sqlite: Sqlite): JournalKey {
  const key = opened.get(sqlite);
  if (!key) throw new Error('the journal key was not opened on this database connection');
  return key;
}

export const journalSecretName = (fingerprint: string): string => `journal-key:${fingerprint}`;

/**
 * The key this database signs with: the newest registered key whose private half
 * the secret store holds; otherwise a new one, made here (a branch's first start,
 * or a secret store that was lost, which head office then sees as a new key).
 * A ledger that already has transfers when its first key is made (a database from
 * before migration 0016) gets its head signed and its balances sealed once,
 * after they are checked against the transfers: that adoption is where the
 * signed history starts.
 */
export function openJournalKey(sqlite: Sqlite, secrets: SecretStore, at: string): JournalKey {
  const latest = latestJournalKey(sqlite);
  if (latest) {
    const pem = secrets.read(journalSecretName(latest.fingerprint));
    if (pem) {
      const privateKey = createPrivateKey(pem);
      if (rawPublicKey(createPublicKey(privateKey)) === latest.public_key) {
        return remember(sqlite, new JournalKey(latest.id, latest.public_key, latest.fingerprint, privateKey));
      }
    }
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const fingerprint = keyFingerprint(raw);
  // The secret first: a key row whose private half was never kept would be a key nobody holds.
  secrets.write(journalSecretName(fingerprint), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  return sqlite.transaction(() => {
    const head = chainHead(sqlite);
    const keyId = insertJournalKey(sqlite, { public_key: raw, fingerprint, first_seq: (head?.seq ?? 0) + 1, created_at: at });
    const key = new JournalKey(keyId, raw, fingerprint, privateKey);
    if (head && !signatureAt(sqlite, head.seq)) insertSignature(sqlite, head.seq, key.keyId, key.sign(head.hash));
    sealCheckedBalances(sqlite, key);
    return remember(sqlite, key);
  }).immediate();
}

function remember(sqlite: Sqlite, key: JournalKey): JournalKey {
  opened.set(sqlite, key);
  return key;
}

/** Seals every account whose stored balances equal the sums of its transfers; the others stay unsealed (and unusable for cash checks). */
function sealCheckedBalances(sqlite: Sqlite, key: JournalKey): void {
  const writer = balanceWriter(sqlite);
  const recomputed = balancesFromTransfers(sqlite);
  const moves = lastMoves(sqlite);
  const accounts = allAccounts(sqlite);
  writer.during(() => {
    for (const account of accounts) {
      const r = recomputed.get(account.id) ?? { dp: 0, dpend: 0, cp: 0, cpend: 0 };
      if (r.dp !== account.debits_posted || r.dpend !== account.debits_pending || r.cp !== account.credits_posted || r.cpend !== account.credits_pending) continue;
      const lastSeq = moves.get(account.id) ?? null;
      writeSeal(sqlite, account.id, lastSeq, key.seal({ ...account, last_seq: lastSeq }));
    }
  });
}

/** What paper carries (Z report, day close): the key's fingerprint and where the chain stands. */
export function journalAnchor(sqlite: Sqlite, key: JournalKey): { fingerprint: string; seq: number; hash: string } {
  const head = chainHead(sqlite);
  return { fingerprint: key.fingerprint, seq: head?.seq ?? 0, hash: head?.hash ?? '0'.repeat(64) };
}
