// `npm run headoffice -- <command> [options]`: head-office staff's tool. Connects with
// HEADOFFICE_URL or --url (a role that may create roles). Exit 0 on success, 1 when the
// answer is bad news (a mismatch, a quarantine), 2 for usage or connection errors.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { addBranch } from '../headoffice/branch-admin';
import { branchState, dayCloseRecords } from '../headoffice/branch-state';
import { migrateHeadOffice } from '../headoffice/migrate-head-office';
import { connectPostgres } from '../headoffice/postgres-connection';
import { publish, Publication } from '../headoffice/publish';
import { readCli, usageError } from './cli-args';

const USAGE = `usage: npm run headoffice -- <command> [--url postgres://…] [--json]
  migrate                                   bring the head-office schema up to date
  add-branch --code C --name N [--role R] [--password-env VAR] [--public-key FILE] [--certificate FILE] [--s10 RR:100000,CP:50000]
  publish --file publication.json           tariffs, products, users, limits, billers, pickup parcels, corrections
  state --branch C                          replication state: cursor, quarantine, alarms, corrections
  compare-day --branch C [--date YYYY-MM-DD] day-close comparisons, with the differing accounts
  --help                                    this text`;

function usage(message: string): never {
  return usageError(USAGE, message);
}

const { positionals, values } = readCli({
  usage: USAGE,
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    json: { type: 'boolean', default: false },
    code: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    'password-env': { type: 'string' },
    'public-key': { type: 'string' },
    certificate: { type: 'string' },
    s10: { type: 'string' },
    file: { type: 'string' },
    branch: { type: 'string' },
    date: { type: 'string' },
  },
});
const command = positionals[0];
if (positionals.length > 1) usage(`one command at a time, not: ${positionals.join(' ')}`);
type OptionName = Exclude<keyof typeof values, 'json' | 'help'>;
const option = (name: OptionName): string | undefined => values[name];
const required = (name: OptionName): string => option(name) ?? usage(`--${name} is required`);
const json = values.json;
const print = (value: unknown, text: () => string): void => {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
};

const COMMANDS = ['migrate', 'add-branch', 'publish', 'state', 'compare-day'];
if (!command || !COMMANDS.includes(command)) usage(`unknown command ${command ?? '(none)'}`);
// Asked only after the arguments: `--help` or a bad option never needs the database.
const url = values.url ?? process.env.HEADOFFICE_URL ?? usage('set HEADOFFICE_URL or pass --url');

async function main(): Promise<number> {
  switch (command) {
    case 'migrate': {
      const applied = await migrateHeadOffice(new pg.Pool({ connectionString: url, max: 1 }));
      print(applied, () => (applied.length ? `applied: ${applied.join(', ')}` : 'head office schema already up to date'));
      return 0;
    }
    case 'add-branch': {
      const code = required('code');
      const readFile = (name: 'public-key' | 'certificate') => (option(name) ? readFileSync(option(name)!, 'utf8') : null);
      const passwordEnv = option('password-env');
      const s10 = (option('s10') ?? 'RR:100000,CP:100000').split(',').map((part) => {
        const [serviceIndicator, size] = part.split(':');
        if (!serviceIndicator || !size) usage(`bad --s10 part ${part}`);
        return { serviceIndicator, size: Number(size) };
      });
      const sql = await connectPostgres({ connectionString: url });
      try {
        const added = await addBranch(sql, {
          code,
          name: required('name'),
          role: option('role') ?? `branch_${code.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`,
          password: passwordEnv ? (process.env[passwordEnv] ?? usage(`${passwordEnv} is not set`)) : null,
          publicKey: readFile('public-key'),
          certificate: readFile('certificate'),
          s10,
        });
        print(added, () => [`branch ${added.code}: role ${added.role}`, ...added.s10Ranges.map((r) => `  S10 ${r.serviceIndicator} ${r.firstSerial}–${r.lastSerial}`)].join('\n'));
        return 0;
      } finally {
        await sql.close();
      }
    }
    case 'publish': {
      const publication = Publication.parse(JSON.parse(readFileSync(required('file'), 'utf8')));
      const sql = await connectPostgres({ connectionString: url });
      try {
        const published = await publish(sql, publication);
        print(published, () => published.map((p) => `v${p.version} ${p.kind} ${p.key}${p.branch ? ` → ${p.branch}` : ''}`).join('\n') || 'nothing to publish');
        return 0;
      } finally {
        await sql.close();
      }
    }
    case 'state': {
      const sql = await connectPostgres({ connectionString: url });
      try {
        const state = await branchState(sql, required('branch'));
        if (!state) usage(`no branch ${option('branch')}`);
        print(state, () =>
          [
            `branch ${state.branch} (role ${state.role}): acked seq ${state.ackedSeq}, hash ${state.ackedHash}`,
            `  pushes ${state.pushes}, last ${state.lastPushAt ?? 'never'}, clock skew ${state.lastSkewSeconds ?? '?'} s`,
            `  quarantined rows: ${state.quarantined}`,
            ...state.alarms.map((a) => `  ALARM ${a.raisedAt} ${a.kind}${a.seq === null ? '' : ` seq ${a.seq}`}: ${a.detail}`),
            ...state.corrections.map((c) => `  correction ${c.id}: ${c.bookedSeq === null ? 'awaiting the branch supervisor' : `booked at seq ${c.bookedSeq}`}`),
          ].join('\n'),
        );
        return state.quarantined > 0 ? 1 : 0;
      } finally {
        await sql.close();
      }
    }
    case 'compare-day': {
      const sql = await connectPostgres({ connectionString: url });
      try {
        const records = await dayCloseRecords(sql, required('branch'), option('date'));
        print(records, () =>
          records.length === 0
            ? 'no day close compared yet'
            : records
                .map((r) => `${r.businessDate} up to seq ${r.lastSeq}: ${r.outcome.toUpperCase()} (${r.comparedAt})${r.outcome === 'mismatch' ? `\n  ${JSON.stringify(r.differences)}` : ''}`)
                .join('\n'),
        );
        return records[0]?.outcome === 'mismatch' ? 1 : 0;
      } finally {
        await sql.close();
      }
    }
    default:
      return usage(`unknown command ${command ?? '(none)'}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`headoffice ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
