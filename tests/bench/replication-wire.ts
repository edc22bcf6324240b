import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { PUSH_COLUMNS } from '../../electron/services/headoffice/migrations/0002-branch-functions';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import type { LedgerTransferTable } from '../../electron/services/ledger/ledger.tables';
import { postgresServer } from '../support/postgres';
import { FaultyProxy } from '../support/tcp-proxy';

/** Bytes of a row's values as stored: text in UTF-8, bigint 8, integer 4, NULL nothing. */
export function rawColumnBytes(row: LedgerTransferTable): number {
  let bytes = 0;
  for (const [name, type] of PUSH_COLUMNS) {
    const value = row[name];
    if (value === null || value === undefined) continue;
    bytes += type === 'bigint' ? 8 : type === 'integer' ? 4 : Buffer.byteLength(String(value), 'utf8');
  }
  return bytes;
}

/**
 * What one transfer costs on the wire: one push of `rows` through a counting proxy, as the job
 * sends it (binary arrays, admission in the same statement), the bytes each way divided by the rows.
 */
export async function wireBytesPerTransfer(urlAs: string, rows: LedgerTransferTable[]): Promise<Record<string, number>> {
  const server = await postgresServer();
  const url = new URL(urlAs);
  const proxy = new FaultyProxy(url.hostname === 'localhost' ? '127.0.0.1' : url.hostname, Number(url.port || server.port));
  await proxy.start();
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  const connection = await connectPostgres({ connectionString: url.toString() });
  try {
    const before = { ...proxy.carried };
    const answer = await new HeadOfficeApi(connection).push({ sent_at: new Date().toISOString(), transfers: rows });
    if (answer.status !== 'ok') throw new Error(`wire bench push refused: ${JSON.stringify(answer)}`);
    const up = proxy.carried.up - before.up;
    const raw = rows.reduce((sum, row) => sum + rawColumnBytes(row), 0);
    return {
      rows: rows.length,
      bytesUpPerTransfer: Math.round((up / rows.length) * 10) / 10,
      rawColumnBytesPerTransfer: Math.round((raw / rows.length) * 10) / 10,
      bytesDownPerBatch: proxy.carried.down - before.down,
    };
  } finally {
    await connection.close();
    await proxy.stop();
  }
}
