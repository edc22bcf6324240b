import pg from 'pg';
import { addBranch, type AddedBranch } from '../../electron/services/headoffice/branch-admin';
import { migrateHeadOffice } from '../../electron/services/headoffice/migrate-head-office';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { SqlConnection } from '../../electron/services/headoffice/sql-runner';
import { createTestDatabase, type TestDatabase } from './postgres';

export interface TestHeadOffice {
  database: TestDatabase;
  /** Head-office staff (superuser) connection. */
  staff: SqlConnection;
  addBranch(code: string, s10?: Array<{ serviceIndicator: string; size: number }>): Promise<AddedBranch>;
  /** A connection as the branch's own role, as the branch job makes it. */
  connectAs(role: string): Promise<SqlConnection>;
  clientConfigAs(role: string): pg.ClientConfig;
  close(): Promise<void>;
}

/** A migrated head office in its own database on the real PostgreSQL. */
export async function startTestHeadOffice(): Promise<TestHeadOffice> {
  const database = await createTestDatabase();
  await migrateHeadOffice(new pg.Pool({ connectionString: database.url, max: 1 }));
  const staff = await connectPostgres({ connectionString: database.url });
  const opened: SqlConnection[] = [staff];
  return {
    database,
    staff,
    addBranch: (code, s10 = []) => addBranch(staff, { code, name: `Branch ${code}`, role: database.roleName(code), s10 }),
    async connectAs(role) {
      const connection = await connectPostgres({ connectionString: database.urlAs(role) });
      opened.push(connection);
      return connection;
    },
    clientConfigAs: (role) => ({ connectionString: database.urlAs(role) }),
    async close() {
      for (const connection of opened) await connection.close();
      await database.drop();
    },
  };
}
