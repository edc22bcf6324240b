import type { Sqlite } from '../db/open-database';
import type { Handlers } from '../router/handlers';
import { flagNames } from './accounts';
import { accountsByCode } from './accounts.repository';
import type { JournalKey } from './journal-key';
import { queryJournal } from './journal';
import { verifyLedger } from './verify-ledger';

export function ledgerHandlers(sqlite: Sqlite, journal: JournalKey): Pick<Handlers, 'ledger.verify' | 'ledger.accounts' | 'journal.query'> {
  return {
    'ledger.verify': () => verifyLedger(sqlite, { journal }),
    'ledger.accounts': ({ code }) => {
      return accountsByCode(sqlite, code ?? null).map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        currency: a.currency,
        flags: flagNames(a.flags),
        tillSessionId: a.till_session_id,
        debitsPosted: a.debits_posted,
        creditsPosted: a.credits_posted,
        debitsPending: a.debits_pending,
        creditsPending: a.credits_pending,
        balance: { minor: a.debits_posted - a.credits_posted, currency: a.currency },
      }));
    },
    'journal.query': (query) => queryJournal(sqlite, query),
  };
}
