import { rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { errorCode } from '../support/counter-fixture';
import { startHost, type HostFixture } from '../support/host-fixture';
import { makeTempDir } from '../support/temp-dir';
import { openDemoTill } from '../support/trading-day';

/**
 * Before, a branch database truncated to 0 bytes or deleted came back as a
 * fresh, empty ledger (state ready, every transfer gone) and the demo re-seeded
 * itself over its own lost data. Now the counter that had a ledger refuses to
 * start without it and a technician restores a checked backup from the refusal
 * screen's calls.
 */
const temp = makeTempDir('storage-missing-');
afterAll(() => temp.remove());

async function lastSeqOf(counter: HostFixture): Promise<number> {
  const technician = await counter.signIn('ismail', '9012');
  const report = await counter.ok('ledger.verify', {}, technician);
  expect(report.ok).toBe(true);
  return report.lastSeq;
}

async function tradedWithBackup(dataDir: string): Promise<{ file: string; backupSeq: number; finalSeq: number }> {
  const counter = await startHost({ dataDir });
  try {
    const till = await openDemoTill(counter);
    expect(errorCode(await till.sell())).toBeNull();
    const technician = await counter.signIn('ismail', '9012');
    const run = await counter.ok('backup.now', {}, technician);
    expect(run.folders).toHaveLength(1);
    expect(run.folders[0]!.problem).toBeNull();
    const backupSeq = run.folders[0]!.backup!.lastSeq;
    expect(backupSeq).toBe(await lastSeqOf(counter));
    expect(errorCode(await till.sell())).toBeNull();
    return { file: counter.host.current.databaseFile, backupSeq, finalSeq: await lastSeqOf(counter) };
  } finally {
    await counter.close();
  }
}

for (const loss of ['truncated to 0 bytes', 'deleted'] as const) {
  it(`a database ${loss} is refused as missing (no fresh ledger, no demo re-seed) and a technician restores the checked backup`, async () => {
    const dataDir = join(temp.dir, loss.replace(/\W+/g, '-'));
    const { file, backupSeq, finalSeq } = await tradedWithBackup(dataDir);
    expect(finalSeq).toBeGreaterThan(backupSeq);
    if (loss === 'deleted') rmSync(file);
    else truncateSync(file, 0);

    const counter = await startHost({ dataDir });
    try {
      const status = counter.host.current.status();
      expect(status).toMatchObject({ state: 'refused', refusal: { reason: 'missing', file }, branch: null });
      expect(errorCode(await counter.call('auth.signIn', { username: 'hassan', secret: '5678' }))).toBe('DATABASE_MISSING');

      // The refusal screen's calls: no session exists, the backup itself vouches for who restores.
      const list = await counter.ok('backup.list', {});
      expect(list.backups).toHaveLength(1);
      const backup = list.backups[0]!;
      expect(backup).toMatchObject({ branchCode: 'DJ-DEMO', lastSeq: backupSeq });
      const restore = (username: string, secret: string) => counter.call('backup.restore', { file: backup.file, username, secret });
      expect(errorCode(await restore('ismail', '0000'))).toBe('BAD_CREDENTIALS');
      expect(errorCode(await restore('amina', '1234'))).toBe('FORBIDDEN_ROLE');
      expect(errorCode(await counter.call('backup.restore', { file: join(dataDir, 'counter.json'), username: 'ismail', secret: '9012' }))).toBe('NOT_FOUND');
      expect(counter.host.current.status().state).toBe('refused');

      const restored = await restore('ismail', '9012');
      expect(restored.ok).toBe(true);
      // The host reopened on the restored file before this call.
      expect(counter.host.current.status().state).toBe('ready');
      expect(await lastSeqOf(counter)).toBe(backupSeq);
      const technician = await counter.signIn('ismail', '9012');
      const audit = await counter.ok('audit.list', { limit: 5, action: 'backup.restored' }, technician);
      expect(audit[0]).toMatchObject({ actor: 'ismail', action: 'backup.restored', outcome: 'ok' });

      // Trading resumes on the restored ledger (no head office here: the later sale is gone with the file).
      const amina = await counter.signIn('amina', '1234');
      const mine = await counter.ok('till.mine', {}, amina);
      const sale = await counter.call('sale.complete', { operationId: uuid7(), sessionId: mine!.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: { minor: 1_000, currency: 'DJF' } }, amina);
      expect(sale.ok ? null : sale.error).toBeNull();
      expect(await lastSeqOf(counter)).toBeGreaterThan(backupSeq);
    } finally {
      await counter.close();
    }
  }, 120_000);
}

it('a restore is refused while the database is in use', async () => {
  const dataDir = join(temp.dir, 'in-use');
  await tradedWithBackup(dataDir);
  const counter = await startHost({ dataDir });
  try {
    const technician = await counter.signIn('ismail', '9012');
    const list = await counter.ok('backup.list', {}, technician);
    const answer = await counter.call('backup.restore', { file: list.backups[0]!.file, username: 'ismail', secret: '9012' });
    expect(answer.ok ? null : answer.error).toMatchObject({ code: 'RULE_BROKEN', details: { rule: 'database-in-use' } });
    // Before sign-in, a trading counter does not even list its backups.
    expect(errorCode(await counter.call('backup.list', {}))).toBe('NO_SESSION');
  } finally {
    await counter.close();
  }
}, 120_000);
