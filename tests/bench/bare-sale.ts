// The SQL a two-line counter sale runs, hand-written without the services around it: no
// contract validation, no session or role check, no closures, positional parameters,
// narrow reads, the result pre-serialised. Measured beside the real sale it shows how
// much of a durable sale is SQLite itself — the pages one commit writes and fsyncs.
// Keep it in step with ledger/ledger.ts and till/sale.ts when they change what a sale writes.
import { createHash } from 'node:crypto';
import { balanceWriter } from '../../electron/services/ledger/balance-writer';
import { uuid7 } from '@shared/uuid7';
import { moveSafeCash } from '../../electron/services/safe/safe';
import { completeSale } from '../../electron/services/sale/sale';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { clerk, djf, HASSAN, openLedgerHarness } from '../reliability/ledger-harness';

const SEAL = 'x'.repeat(22);
const SIGNATURE = 'x'.repeat(88);

const LINES = [
  { productCode: 'STAMP-LOCAL', quantity: 2 },
  { productCode: 'ENVELOPE-A4', quantity: 1 },
];

export async function openBareSale(file: string): Promise<{ sell: () => void; close: () => Promise<void> }> {
  const h = await openLedgerHarness(file);
  const t = h.tills;
  const db = h.opened.sqlite;
  moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(10_000_000) });
  const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) });
  const session = opened.result.sessionId;
  confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: opened.result.pending[0]!.transferId });
  // One real sale makes the revenue accounts and gives the result a retry would replay.
  const sale = completeSale(t, clerk('amina'), { operationId: uuid7(), sessionId: session, lines: LINES, tendered: djf(1_000) }).result;
  const result = JSON.stringify(sale);
  const cash = `till-cash:${session}`;
  const legs = sale.lines.map((line, i) => ({ leg: i + 1, revenue: `revenue:${line.productCode}:DJF`, amount: line.amount.minor, quantity: line.quantity }));

  const q = {
    retry: db.prepare('SELECT fingerprint FROM ledger_operations WHERE id = ?').raw(),
    last: db.prepare('SELECT seq, hash FROM ledger_transfers ORDER BY seq DESC LIMIT 1').raw(),
    session: db.prepare('SELECT status, clerk, cash_account_id FROM till_sessions WHERE id = ?').raw(),
    account: db.prepare('SELECT flags, currency, debits_posted, debits_pending, credits_posted FROM ledger_accounts WHERE id = ?').raw(),
    // The balances carry the transfer that moved them and their seal (migration 0016); the seal's value is a constant here: no MAC computed.
    debit: db.prepare('UPDATE ledger_accounts SET debits_posted = debits_posted + ?, last_seq = ?, balance_seal = ? WHERE id = ?'),
    credit: db.prepare('UPDATE ledger_accounts SET credits_posted = credits_posted + ?, last_seq = ?, balance_seal = ? WHERE id = ?'),
    // One signature row per operation; its value is a constant here: no Ed25519 computed.
    signature: db.prepare('INSERT INTO ledger_signatures (seq, key_id, signature) VALUES (?, ?, ?)'),
    transfer: db.prepare(
      `INSERT INTO ledger_transfers (seq, id, operation_id, debit_account_id, credit_account_id, amount, currency, code, flags, pending_id, reference,
         unique_reference, reversal_of, till_session_id, operator, approver, reason, at, prev_hash, hash) VALUES (${Array(20).fill('?').join(', ')})`,
    ),
    total: db.prepare(
      `INSERT INTO ledger_session_totals (till_session_id, code, debit_account_id, credit_account_id, transfers, quantity, amount) VALUES (?, 'sale', ?, ?, 1, ?, ?)
       ON CONFLICT DO UPDATE SET transfers = transfers + 1, quantity = quantity + excluded.quantity, amount = amount + excluded.amount`,
    ),
    operation: db.prepare(
      `INSERT INTO ledger_operations (id, kind, fingerprint, till_session_id, operator, approver, reason, reverses_operation_id, first_seq, transfer_count, amount, result, at)
       VALUES (?, 'sale', ?, ?, 'amina', NULL, NULL, NULL, ?, ?, ?, ?, ?)`,
    ),
    audit: db.prepare("INSERT INTO audit_log (at, actor, action, subject, outcome, details) VALUES (?, 'amina', 'ledger.sale', ?, 'ok', ?)"),
    // The receipt's short number (migration 0018) and the shelf the products leave (basket/stock.ts).
    number: db.prepare('INSERT INTO operation_numbers (operation_id, at) VALUES (?, ?)'),
    stock: db.prepare('UPDATE retail_stock SET quantity = quantity + ?, updated_at = ? WHERE product_code = ?'),
    // The receipt waits in the print outbox, written in the sale's own transaction (devices/print-outbox.ts).
    receipt: db.prepare(
      `INSERT INTO print_jobs (id, device_id, payload, status, attempts, created_at, next_attempt_at, last_error, printed_at, reprint_of, reference)
       VALUES (?, 'receipt', ?, 'waiting', 0, ?, ?, '', NULL, NULL, ?)`,
    ),
  };
  // A receipt of the sale's size, serialised once (the real one is laid out per sale).
  const receiptPayload = JSON.stringify({ kind: 'receipt', receipt: { header: ['DJ-DEMO', 'Agence de démonstration'], entries: sale.lines.map((line) => ({ kind: 'item', label: line.productCode, quantity: line.quantity, amount: `${line.amount.minor} DJF` })), footer: ['Merci'], demo: true, language: 'fr' } });
  const sell = db.transaction((id: string) => {
    if (q.retry.get(id)) throw new Error('retry');
    let [seq, prev] = q.last.get() as [number, string];
    q.session.get(session);
    q.account.get(cash);
    for (const leg of legs) q.account.get(leg.revenue);
    const at = new Date().toISOString();
    const firstSeq = seq + 1;
    q.number.run(id, at);
    for (const line of LINES) q.stock.run(-line.quantity, at, line.productCode);
    for (const leg of legs) {
      seq += 1;
      const values = [seq, `${id}/${leg.leg}`, id, cash, leg.revenue, leg.amount, 'DJF', 'sale', 0, null, null, null, null, session, 'amina', null, null, at];
      const hash = createHash('sha256').update(prev).update('\n').update(JSON.stringify(values)).digest('hex');
      q.debit.run(leg.amount, seq, SEAL, cash);
      q.credit.run(leg.amount, seq, SEAL, leg.revenue);
      q.transfer.run(...values, prev, hash);
      q.total.run(session, cash, leg.revenue, leg.quantity, leg.amount);
      prev = hash;
    }
    q.signature.run(seq, keyId, SIGNATURE);
    q.operation.run(id, 'f'.repeat(64), session, firstSeq, legs.length, sale.total.minor, result, at);
    q.audit.run(at, id, JSON.stringify({ approver: null, transfers: legs.length, firstSeq, session }));
    q.receipt.run(uuid7(), receiptPayload, at, at, id);
  }).immediate;
  // The balance trigger lets the ledger's own connection through while it books, as the ledger does once per operation.
  const writer = balanceWriter(db);
  const keyId = t.ledger.journal.keyId;
  return { sell: () => writer.during(() => sell(uuid7())), close: () => h.close() };
}
