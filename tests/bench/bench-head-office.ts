import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateHeadOffice } from '../../electron/services/headoffice/migrate-head-office';
import { headOfficeMigrations } from '../../electron/services/headoffice/migrations';

/**
 * A head office for a bench: every migration, then — to measure what a migration changed —
 * back through the `down` of the later ones from `withoutFrom` on (a migration name, e.g.
 * `0016-lean-push-hashed-once`; the benches take it from env `BENCH_HO_WITHOUT`), in the same
 * build and run. Returns the schema's label for the report.
 */
export async function migrateBenchHeadOffice(url: string, withoutFrom: string | null): Promise<string> {
  await migrateHeadOffice(new pg.Pool({ connectionString: url, max: 1 }));
  const names = Object.keys(headOfficeMigrations);
  if (!withoutFrom) return names.at(-1)!;
  const from = names.indexOf(withoutFrom);
  if (from < 0) throw new Error(`no head-office migration named ${withoutFrom}`);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    for (const name of names.slice(from).reverse()) {
      const down = headOfficeMigrations[name]!.down;
      if (!down) throw new Error(`head-office migration ${name} has no down`);
      await down(db);
    }
  } finally {
    await db.destroy();
  }
  return `${names[from - 1]} (without ${names.slice(from).join(', ')})`;
}
