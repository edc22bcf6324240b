import type { Sqlite } from '../db/open-database';
import { allAccounts, writeBalances } from './accounts.repository';
import { balanceWriter } from './balance-writer';
import type { JournalKey } from './journal-key';
import { balancesFromTransfers, lastMoves } from './transfers.repository';

/**
 * Overwrites the cached balances with the recomputed ones and seals them again, in one
 * transaction; returns the accounts whose balances changed.
 */
export function rebuildBalances(sqlite: Sqlite, key: JournalKey): string[] {
  const writer = balanceWriter(sqlite);
  return sqlite.transaction(() => {
    const recomputed = balancesFromTransfers(sqlite);
    const moves = lastMoves(sqlite);
    const accounts = allAccounts(sqlite);
    const changed: string[] = [];
    writer.during(() => {
      for (const account of accounts) {
        const r = recomputed.get(account.id) ?? { dp: 0, dpend: 0, cp: 0, cpend: 0 };
        if (r.dp !== account.debits_posted || r.dpend !== account.debits_pending || r.cp !== account.credits_posted || r.cpend !== account.credits_pending) {
          changed.push(account.id);
        }
        const lastSeq = moves.get(account.id) ?? null;
        const balances = { debits_posted: r.dp, debits_pending: r.dpend, credits_posted: r.cp, credits_pending: r.cpend, last_seq: lastSeq };
        writeBalances(sqlite, account.id, { ...balances, balance_seal: key.seal({ id: account.id, ...balances }) });
      }
    });
    return changed;
  }).immediate();
}
