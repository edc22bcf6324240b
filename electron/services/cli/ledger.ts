// `npm run ledger -- restore …`: see ledger-restore.ts.
// `npm run ledger -- verify --db PATH`: the auditor's and technician's check of a
// branch database, without starting the counter. Exit code 0 only when every check
// holds; otherwise the first bad row is printed and the exit code is 1 (2 for usage
// or an unreadable file).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { verifyLedger } from '../ledger/verify-ledger';
import { tableExists } from '../system/schema.repository';
import { runRestore } from './ledger-restore';
import { readCli, usageError } from './cli-args';

const USAGE = [
  'usage: npm run ledger -- verify --db PATH [--fingerprint XXXX-XXXX-XXXX-XXXX] [--json]',
  '       npm run ledger -- restore --data-dir DIR [--from FILE] [--list]   (counter stopped)',
  '       npm run ledger -- --help',
].join('\n');

function usage(message: string): never {
  return usageError(USAGE, message);
}

/** A file that cannot be read as a branch ledger: one line, no stack trace, exit 2. */
function unreadable(message: string): never {
  process.stderr.write(`ledger verify: ${message}\n`);
  process.exit(2);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

const { positionals, values } = readCli({
  usage: USAGE,
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    // The key fingerprint printed on a Z report or day close: the journal must be signed by that key.
    fingerprint: { type: 'string' },
    json: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    from: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});
const command = positionals[0];
if (positionals.length > 1) usage(`one command at a time, not: ${positionals.join(' ')}`);
if (command === 'restore') {
  process.exit(runRestore(process.argv.slice(3), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`)));
}
const file = values.db;
const fingerprint = values.fingerprint ?? null;
if (command !== 'verify') usage(`unknown command ${command ?? '(none)'}`);
if (!file) usage('--db PATH is required');
if (!existsSync(file)) unreadable(`no such file: ${file}`);

let sqlite: Database.Database;
try {
  // Read-only: verifying must never change the evidence it checks.
  sqlite = new Database(file, { readonly: true, fileMustExist: true });
} catch (error) {
  unreadable(`cannot open ${file}: ${reason(error)}`);
}
// SQLite opens lazily: the first read of the schema is what finds a file that is not
// SQLite at all, and an empty file or another program's database has no ledger.
let isLedger: boolean;
try {
  isLedger = tableExists(sqlite, 'ledger_transfers');
} catch (error) {
  unreadable(`cannot read ${file}: ${reason(error)}`);
}
if (!isLedger) unreadable(`${file} is not a branch ledger (no ledger_transfers table)`);

let report: ReturnType<typeof verifyLedger>;
try {
  report = verifyLedger(sqlite, { fingerprint });
} catch (error) {
  // A page SQLite cannot read ("database disk image is malformed") stops the checks: exit 2, never 0.
  unreadable(`cannot verify ${file}: ${reason(error)}`);
}
sqlite.close();
if (values.json) {
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
