// `npm run ledger -- verify --db PATH`: the auditor's and technician's check of a
// branch database, without starting the counter. Exit code 0 only when every check
// holds; otherwise the first bad row is printed and the exit code is 1 (2 for usage
// or an unreadable file).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { verifyLedger } from '../ledger/verify-ledger';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run ledger -- verify --db PATH [--fingerprint XXXX-XXXX-XXXX-XXXX] [--json]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const command = args[0];
const dbIndex = args.indexOf('--db');
const file = dbIndex >= 0 ? args[dbIndex + 1] : undefined;
// The key fingerprint printed on a Z report or day close: the journal must be signed by that key.
const fingerprintIndex = args.indexOf('--fingerprint');
const fingerprint = fingerprintIndex >= 0 ? (args[fingerprintIndex + 1] ?? null) : null;
if (command !== 'verify') usage(`unknown command ${command ?? '(none)'}`);
if (!file) usage('--db PATH is required');
if (!existsSync(file)) usage(`no such file: ${file}`);

let sqlite: Database.Database;
try {
  // Read-only: verifying must never change the evidence it checks.
  sqlite = new Database(file, { readonly: true, fileMustExist: true });
} catch (error) {
  process.stderr.write(`cannot open ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const report = verifyLedger(sqlite, { fingerprint });
sqlite.close();
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  process.stdout.write(`ledger ${file}: ${report.transfers} transfers, last seq ${report.lastSeq}, last hash ${report.lastHash}\n`);
  process.stdout.write(`  signed by key ${report.signedBy ?? '(no valid signature at the head)'}\n`);
  for (const check of report.checks) process.stdout.write(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}\n`);
  for (const account of report.badAccounts.slice(0, 10)) {
    const after = account.afterSeq === null ? '' : `, disagrees after transfer seq ${account.afterSeq} (${account.afterTransferId})`;
    process.stdout.write(`  account ${account.accountId}: stored ${account.stored}, from transfers ${account.recomputed}${after}\n`);
  }
  if (report.firstBadRow) {
    const row = report.firstBadRow;
    process.stdout.write(`FIRST BAD ROW: seq ${row.seq} (transfer ${row.transferId ?? '?'}), ${row.check}: ${row.detail}\n`);
  }
  process.stdout.write(report.ok ? 'VERIFIED\n' : 'NOT VERIFIED\n');
}
process.exit(report.ok ? 0 : 1);
