import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { HeadOfficeApi, type PushForm } from '../../electron/services/headoffice/head-office-api';
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

/** A fresh branch at head office to push to: its code and its role's connection string. */
export type WireBranch = () => Promise<{ code: string; url: string }>;

const perTransfer = (bytes: number, rows: number) => Math.round((bytes / rows) * 10) / 10;

/**
 * What one transfer costs on the wire: one push of `rows` through a counting proxy, as the job
 * sends it (admission in the same statement), in each form — every column (binary arrays) and
 * lean (HO migration 0013) — each to a branch of its own; the bytes up divided by the rows,
 * beside the rows' raw column size. And what compressing the batch's parameters would leave
 * (deflate, brotli): the figure that decides whether compression is worth it.
 */
export async function wireBytesPerTransfer(branch: WireBranch, rows: LedgerTransferTable[]): Promise<Record<string, unknown>> {
  const server = await postgresServer();
  const raw = rows.reduce((sum, row) => sum + rawColumnBytes(row), 0);
  const figures: Record<string, unknown> = { rows: rows.length, rawColumnBytesPerTransfer: perTransfer(raw, rows.length) };
  for (const form of ['columns', 'lean'] as PushForm[]) {
    const { code, url: urlAs } = await branch();
    const url = new URL(urlAs);
    const proxy = new FaultyProxy(url.hostname === 'localhost' ? '127.0.0.1' : url.hostname, Number(url.port || server.port));
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const connection = await connectPostgres({ connectionString: url.toString() });
    try {
      const api = new HeadOfficeApi(connection, code, form);
      const encoded = api.encodePush({ transfers: rows });
      const before = { ...proxy.carried };
      const answer = await api.push({ sent_at: new Date().toISOString(), transfers: rows }, encoded);
      if (answer.status !== 'ok') throw new Error(`wire bench push refused: ${JSON.stringify(answer)}`);
      const parameters = Buffer.concat(encoded.params.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p === null ? '' : String(p), 'utf8'))));
      figures[form] = {
        bytesUpPerTransfer: perTransfer(proxy.carried.up - before.up, rows.length),
        bytesDownPerBatch: proxy.carried.down - before.down,
        parametersPerTransfer: perTransfer(parameters.length, rows.length),
        deflatedPerTransfer: perTransfer(deflateRawSync(parameters).length, rows.length),
        brotliPerTransfer: perTransfer(brotliCompressSync(parameters).length, rows.length),
      };
    } finally {
      await connection.close();
      await proxy.stop();
    }
  }
  return figures;
}
