// Ledger figures for `npm run bench`, each beside its baseline from the same run on
// the same disk: a counter sale committed durably against a raw better-sqlite3
// single-row insert with synchronous=FULL; the Z report and verify over a
// 1,000,000-transfer ledger.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedInput } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { queryJournal } from '../../electron/services/ledger/journal';
import { journalKeyOf } from '../../electron/services/ledger/journal-key';
import { rebuildBalances } from '../../electron/services/ledger/rebuild-balances';
import { balancesFromTransfers } from '../../electron/services/ledger/transfers.repository';
import { transferHash } from '../../electron/services/ledger/transfer-hash';
import type { Sqlite } from '../../electron/services/db/open-database';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import { moveSafeCash } from '../../electron/services/safe/safe';
import { completeSale } from '../../electron/services/sale/sale';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { zReport } from '../../electron/services/till/z-report';
import { clerk, djf, HASSAN, openLedgerHarness } from '../reliability/ledger-harness';
import { makeTempDir } from '../support/temp-dir';
import { openBareSale } from './bare-sale';
import { openTillCounter } from './open-till-counter';
import { nowMs, summarize } from './stats';

const SALES = 300;
/** Enough for both write-ahead logs to wrap (a sale writes about 14 pages, the log is checkpointed at 1,000). */
const WARM_UP_SALES = 1_000;
const TRANSFERS = Number(process.env.BENCH_LEDGER_TRANSFERS ?? 1_000_000);
const SESSIONS = 50;

/** Operations per second over the samples' total time. */
const rate = (samples: number[]) => Math.round(samples.length / (samples.reduce((a, b) => a + b, 0) / 1000));

/**
 * A counter sale through the router (validation, session, role, ledger, balances,
 * hash chain, audit, one durable commit), a raw single-row insert with
 * synchronous=FULL, and the sale's bare SQL (bare-sale.ts), interleaved one for one
 * so all see the same disk at the same moment: on a shared virtual disk the cost of
 * fsync drifts minute by minute.
 *
 * Measured twice on the same files. `freshStart`: the first sales after the
 * counter starts, as the bound was first measured; both write-ahead logs are
 * still growing, and a growing file makes every fsync dearer (the raw insert's
 * most). `steady`: after a warm-up, once both logs are recycled in place and the
 * code is compiled — the state of a counter that has traded for a while.
 */
async function durableSales(dir: string) {
  const raw = new Database(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');

  const { counter, call, amina, sessionId } = await openTillCounter(join(dir, 'counter'));
  const bare = await openBareSale(join(dir, 'bare.sqlite'));
  const lines = [{ productCode: 'STAMP-LOCAL', quantity: 2 }, { productCode: 'ENVELOPE-A4', quantity: 1 }];

  const measure = async (sales: number) => {
    const saleMs: number[] = [];
    const rawMs: number[] = [];
    const bareMs: number[] = [];
    // The window makes the id once per intent, before the clerk confirms: not part of the sale.
    const operationIds = Array.from({ length: sales }, () => uuid7());
    for (let i = 0; i < sales; i += 1) {
      let t0 = nowMs();
      insert.run(`row ${i}`);
      rawMs.push(nowMs() - t0);
      t0 = nowMs();
      await call('sale.complete', { operationId: operationIds[i], sessionId, lines, tendered: djf(500) }, amina);
      saleMs.push(nowMs() - t0);
      t0 = nowMs();
      bare.sell();
      bareMs.push(nowMs() - t0);
    }
    const rawRate = rate(rawMs);
    const figures = (samples: number[]) => ({ perSecond: rate(samples), latencyMs: summarize(samples), ratio: Math.round((rate(samples) / rawRate) * 100) / 100 });
    return {
      counterSale: {
        ...figures(saleMs),
        transfersPerSale: 2,
        target: 0.5,
        // The sale through every layer (signing and sealing included) against its own SQL by hand, in the same run.
        ratioToBareSql: Math.round((rate(saleMs) / rate(bareMs)) * 100) / 100,
        targetToBareSql: 0.75,
      },
      rawInsertSynchronousFull: { perSecond: rawRate, latencyMs: summarize(rawMs) },
      bareSqlOfASale: figures(bareMs),
    };
  };
  const freshStart = await measure(SALES);
  await measure(WARM_UP_SALES);
  const steady = await measure(SALES);
  await counter.close();
  await bare.close();
  raw.close();
  return { freshStart, steady };
}

/**
 * 1,000,000 transfers. The measured session is made through the real services;
 * the bulk (sales of 49 other sessions) is written straight into the tables with
 * the real hash chain, then balances and session totals are rebuilt from the
 * transfers — through the services the build alone took minutes. verify passing
 * over the result proves the bulk rows are a valid ledger.
 */
async function millionTransferLedger(dir: string) {
  const h = await openLedgerHarness(join(dir, 'million.sqlite'));
  const t = h.tills;
  const sqlite = h.opened.sqlite;
  sqlite.pragma('synchronous = OFF'); // building the fixture only; the measured reads do not write
  const buildStarted = nowMs();
  moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(10_000_000) });
  const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) });
  const lastSession = opened.result.sessionId;
  confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: opened.result.pending[0]!.transferId });
  for (let i = 0; i < 200; i += 1) {
    completeSale(t, clerk('amina'), { operationId: uuid7(), sessionId: lastSession, lines: [{ productCode: 'STAMP-LOCAL', quantity: 2 }, { productCode: 'ENVELOPE-A4', quantity: 1 }], tendered: djf(1_000) });
  }
  bulkSales(sqlite, lastSession, TRANSFERS - (sqlite.prepare('SELECT count(*) AS n FROM ledger_transfers').get() as { n: number }).n);
  const transfers = (sqlite.prepare('SELECT count(*) AS n FROM ledger_transfers').get() as { n: number }).n;
  const buildSeconds = (nowMs() - buildStarted) / 1000;

  const zSamples: number[] = [];
  let z = zReport(t, lastSession);
  for (let i = 0; i < 20; i += 1) {
    const t0 = nowMs();
    z = zReport(t, lastSession);
    zSamples.push(nowMs() - t0);
  }
  const balanceStarted = nowMs();
  balancesFromTransfers(sqlite);
  const balanceSeconds = (nowMs() - balanceStarted) / 1000;
  const verifyStarted = nowMs();
  const report = verifyLedger(sqlite);
  const verifySeconds = (nowMs() - verifyStarted) / 1000;
  const journalFilters = journalFilterTimes(sqlite, lastSession);
  await h.close();
  return {
    transfers,
    buildSeconds: Math.round(buildSeconds * 10) / 10,
    zReport: { latencyMs: summarize(zSamples), targetMs: 50, withinTarget: summarize(zSamples).p99 <= 50, sessionSales: z.payments[0]?.count ?? 0 },
    balanceCheckSql: { seconds: Math.round(balanceSeconds * 100) / 100, rowsPerSecond: Math.round(transfers / balanceSeconds) },
    journalFilters,
    verify: { ok: report.ok, seconds: Math.round(verifySeconds * 100) / 100, rowsPerSecond: Math.round(transfers / verifySeconds), checks: 'sequence, hash chain, rules, balances, debits=credits, session totals' },
  };
}

/**
 * The journal filters by clerk and code without an index of their own (a sale writes
 * fewer pages): newest first, a filter reads backwards until it has a page. A clerk
 * who trades is found at once; one with two transfers in a million is the worst case.
 */
function journalFilterTimes(sqlite: Sqlite, session: string) {
  const timed = (query: Partial<ParsedInput<'journal.query'>>) => {
    const started = nowMs();
    const rows = queryJournal(sqlite, { correctionsOnly: false, limit: 100, ...query });
    return { ms: Math.round((nowMs() - started) * 10) / 10, rows: rows.length };
  };
  return {
    bySession: timed({ sessionId: session }),
    byClerkWhoTrades: timed({ clerk: 'amina' }),
    byClerkWithTwoTransfers: timed({ clerk: 'hassan' }),
    byCodeNeverBooked: timed({ code: 'safe-over' }),
    correctionsOnly: timed({ correctionsOnly: true }),
  };
}

/** Sales of two lines each, spread over SESSIONS till sessions (the last one measured), with the real hash chain and a signature per sale. */
function bulkSales(sqlite: Sqlite, measured: string, transfers: number): void {
  const sessions = Array.from({ length: SESSIONS - 1 }, (_, i) => `bench-session-${i}`);
  const insertAccount = sqlite.prepare(
    "INSERT INTO ledger_accounts (id, code, currency, name, flags, till_session_id, created_at) VALUES (?, 'till-cash', 'DJF', ?, 2, ?, '2025-01-01T08:00:00.000+03:00')",
  );
  sqlite.transaction(() => sessions.forEach((s) => insertAccount.run(`till-cash:${s}`, `Till ${s}`, s)))();
  const insertOperation = sqlite.prepare(
    `INSERT INTO ledger_operations (id, kind, fingerprint, till_session_id, operator, first_seq, transfer_count, amount, result, at)
     VALUES (?, 'sale', 'bench', ?, 'amina', ?, 2, 350, '{}', ?)`,
  );
  const insertTransfer = sqlite.prepare(
    `INSERT INTO ledger_transfers (seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, flags, till_session_id, operator, at, prev_hash, hash)
     VALUES (@seq, @id, @operation_id, @debit_account_id, @credit_account_id, @amount, 'DJF', 'sale', 0, @till_session_id, 'amina', @at, @prev_hash, @hash)`,
  );
  const insertSignature = sqlite.prepare('INSERT INTO ledger_signatures (seq, key_id, signature) VALUES (?, ?, ?)');
  const key = journalKeyOf(sqlite);
  let { seq, hash } = sqlite.prepare('SELECT seq, hash FROM ledger_transfers ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  // Indexes are dropped for the bulk write and rebuilt from their own stored SQL after:
  // one sorted build per index instead of a million scattered updates.
  const indexes = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('ledger_transfers', 'ledger_operations')")
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  const operations = Math.floor(transfers / 2);
  const perSession = Math.ceil(operations / SESSIONS);
  const at = '2025-01-01T09:00:00.000+03:00';
  for (let done = 0; done < operations; done += 25_000) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(operations, done + 25_000); i += 1) {
        const session = sessions[Math.floor(i / perSession)] ?? measured;
        const operation = uuid7();
        insertOperation.run(operation, session, seq + 1, at);
        for (const [leg, product, amount] of [[1, 'STAMP-LOCAL', 200], [2, 'ENVELOPE-A4', 150]] as const) {
          seq += 1;
          const row = {
            seq,
            id: `${operation}/${leg}`,
            operation_id: operation,
            debit_account_id: `till-cash:${session}`,
            credit_account_id: `revenue:${product}:DJF`,
            amount,
            currency: 'DJF',
            code: 'sale',
            flags: 0,
            pending_id: null,
            reference: null,
            unique_reference: null,
            reversal_of: null,
            till_session_id: session,
            operator: 'amina',
            approver: null,
            reason: null,
            at,
          };
          const next = transferHash(hash, row);
          insertTransfer.run({ ...row, prev_hash: hash, hash: next });
          hash = next;
        }
        insertSignature.run(seq, key.keyId, key.sign(hash));
      }
    })();
  }
  for (const index of indexes) sqlite.exec(index.sql);
  rebuildBalances(sqlite, key);
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM ledger_session_totals');
    sqlite.exec(`INSERT INTO ledger_session_totals (till_session_id, code, debit_account_id, credit_account_id, transfers, quantity, amount)
                 SELECT till_session_id, code, debit_account_id, credit_account_id, count(*), count(*), sum(amount)
                   FROM ledger_transfers WHERE till_session_id IS NOT NULL AND flags IN (0, 2)
                  GROUP BY till_session_id, code, debit_account_id, credit_account_id`);
  })();
}

export async function benchLedger(): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-ledger-');
  try {
    const durableSale = await durableSales(temp.dir);
    const millionTransfers = await millionTransferLedger(temp.dir);
    return { durableSale, millionTransfers };
  } finally {
    temp.remove();
  }
}
