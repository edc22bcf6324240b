// SIGKILL a counter accepting baskets at random moments: every basket that committed has its
// receipt and its labels in the print queue, because they are written in the basket's own
// transaction (electron/services/devices/print-outbox.ts). Jobs queued after the commit, as
// separate writes, would be missing for the baskets caught between the two.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startMailCounter } from '../integration/mail/mail-counter';
import { makeTempDir } from '../support/temp-dir';
import { bundleCrashChild, ROOT } from './crash-child';

const KILLS = 12;
let childBundle = '';

/**
 * Starts a child and kills it a random moment into trading — after a random number of
 * acknowledged baskets and a random few milliseconds, never a wall-clock delay that a loaded
 * machine spends before its first basket — and answers the baskets it acknowledged.
 */
function liveAndDie(dataDir: string): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [childBundle, dataDir, join(ROOT, 'resources')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let errors = '';
    const killAtAck = 1 + Math.floor(Math.random() * 4);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('ack ')) continue;
        acked.push(line.slice(4));
        if (acked.length === killAtAck) setTimeout(() => child.kill('SIGKILL'), Math.random() * 20);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done(acked) : fail(new Error(`child ended by itself (code ${code}): ${errors}`))));
  });
}

describe('print outbox crash safety', () => {
  it(`every committed basket has its receipt and labels queued across ${KILLS} SIGKILLs`, async () => {
    const temp = makeTempDir('print-outbox-crash-');
    try {
      // The branch, Amina's open till and a receipt printer nobody answers, set up once.
      const setup = await startMailCounter({ dataDir: temp.dir });
      await setup.as(setup.technician, 'devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: 9 } });
      await setup.fixture.counter.close();
      childBundle = await bundleCrashChild('print-outbox-crash', { packages: 'external' });

      const acked: string[] = [];
      for (let i = 0; i < KILLS; i += 1) acked.push(...(await liveAndDie(temp.dir)));

      const db = new Database(join(temp.dir, 'demo.sqlite'), { readonly: true });
      try {
        const baskets = db.prepare("SELECT id FROM ledger_operations WHERE kind = 'mail-acceptance'").all() as Array<{ id: string }>;
        expect(acked.length).toBeGreaterThan(KILLS);
        const booked = new Set(baskets.map((b) => b.id));
        expect(acked.filter((id) => !booked.has(id))).toEqual([]);
        const withoutReceipt = baskets.filter((b) => !db.prepare("SELECT 1 FROM print_jobs WHERE reference = ? AND payload ->> '$.kind' = 'receipt'").get(b.id));
        const labelsMissing = db
          .prepare('SELECT s10 FROM s10_issued i WHERE NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.reference = i.s10)')
          .all() as Array<{ s10: string }>;
        expect(withoutReceipt.map((b) => b.id)).toEqual([]);
        expect(labelsMissing.map((row) => row.s10)).toEqual([]);
        // No job without its basket either: they only exist inside a committed transaction.
        const orphans = db
          // (a CN22/CN23 slip is referenced `<s10>/CN`, see mail/customs-declaration-print.ts)
          .prepare("SELECT reference FROM print_jobs WHERE reference NOT IN (SELECT id FROM ledger_operations) AND reference NOT IN (SELECT s10 FROM s10_issued) AND reference NOT IN (SELECT s10 || '/CN' FROM s10_issued)")
          .all();
        expect(orphans).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      temp.remove();
    }
  }, 600_000);
});
