// SIGKILL a branch trading payouts with a counterparty over real loopback HTTP, behind a proxy that
// loses replies, at every state (after a random number of durable steps — prepared, sent and
// answered — not after wall-clock time). After the restarts and a last resolving run: every
// operation is posted once or voided once, never both, the counterparty acted once per id, cash
// went out only for a durable confirmed, and where the branch and the counterparty disagree a
// reconciliation item says so.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TRANSFER_FLAG } from '../../electron/services/ledger/transfer-phase';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';
import { TestCounterpartyServer } from '../support/test-counterparty';
import { bundleCrashChild, ROOT } from './crash-child';

const LIVES = 14;

interface Life {
  acks: string[];
  paid: string[];
}

function run(bundle: string, dataDir: string, baseUrl: string, mode: 'trade' | 'resolve', killAtAck: number): Promise<Life> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, dataDir, baseUrl, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const life: Life = { acks: [], paid: [] };
    let buffer = '';
    let errors = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('paid ')) life.paid.push(line.slice(5));
        if (!line.startsWith('ack ')) continue;
        life.acks.push(line.slice(4));
        if (life.acks.length === killAtAck) setTimeout(() => child.kill('SIGKILL'), Math.random() * 15);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (mode === 'trade' && signal === 'SIGKILL') done(life);
      else if (mode === 'resolve' && code === 0) done(life);
      else fail(new Error(`child ${mode} ended with ${code ?? signal}: ${errors}`));
    });
  });
}

describe('counterparty frame crash safety', () => {
  it(`posts once or voids once and pays only a durable confirmed across ${LIVES} SIGKILLs with lost replies`, async () => {
    const temp = makeTempDir('counterparty-crash-');
    const server = new TestCounterpartyServer();
    await server.start();
    const proxy = new FaultyProxy('127.0.0.1', server.port);
    await proxy.start();
    const baseUrl = `http://127.0.0.1:${proxy.port}`;
    try {
      const bundle = await bundleCrashChild('counterparty-crash', { packages: 'external' });
      let n = 0;
      server.book.decide = () => (['confirm', 'confirm', 'refuse', 'hold'] as const)[n++ % 4]!;
      const paid: string[] = [];
      let acks = 0;
      for (let life = 0; life < LIVES; life += 1) {
        // Every other life loses the reply to one send: the counterparty acted, the branch never heard.
        if (life % 2 === 0) void proxy.dropNextReplyTo('POST /operations/');
        const lived = await run(bundle, temp.dir, baseUrl, 'trade', 1 + Math.floor(Math.random() * 7));
        proxy.disarm();
        paid.push(...lived.paid);
        acks += lived.acks.length;
        // The counterparty decides some of what it held between lives.
        for (const id of server.book.pendingIds().filter((_, i) => i % 2 === 0)) server.book.settlePending(id, 'confirm');
      }
      for (const id of server.book.pendingIds()) server.book.settlePending(id, 'refuse');
      await run(bundle, temp.dir, baseUrl, 'resolve', Number.POSITIVE_INFINITY);

      expect(acks).toBeGreaterThan(LIVES);
      const db = new Database(join(temp.dir, 'branch.sqlite'), { readonly: true });
      try {
        const operations = db.prepare('SELECT * FROM counterparty_operations').all() as Array<{ id: string; state: string; counterparty_knows: number; handed_over_at: string | null }>;
        expect(operations.length).toBeGreaterThan(LIVES);
        const states = new Set(db.prepare('SELECT DISTINCT state FROM counterparty_operation_states').pluck().all());
        expect([...states]).toEqual(expect.arrayContaining(['prepared', 'sent', 'confirmed', 'refused', 'unknown']));
        // The counterparty acted once per id, however often the branch asked or resent.
        expect(new Set(server.book.acted).size).toBe(server.book.acted.length);
        expect(new Set(paid).size).toBe(paid.length);
        const resolution = db.prepare('SELECT flags, count(*) AS n FROM ledger_transfers WHERE pending_id = ? GROUP BY flags');
        const reservation = db.prepare('SELECT id FROM ledger_transfers WHERE operation_id = ? AND flags = ?').pluck();
        const item = db.prepare('SELECT counterparty_says FROM counterparty_reconciliations WHERE operation_id = ?').pluck();
        for (const operation of operations) {
          expect(['confirmed', 'refused', 'expired', 'cancelled']).toContain(operation.state);
          expect(operation.counterparty_knows).toBe(1);
          const pendingId = reservation.get(operation.id, TRANSFER_FLAG.pending) as string;
          const byFlag = new Map((resolution.all(pendingId) as Array<{ flags: number; n: number }>).map((r) => [r.flags, r.n]));
          expect([...byFlag.values()].every((count) => count === 1)).toBe(true);
          expect(byFlag.size).toBe(1);
          expect(byFlag.has(TRANSFER_FLAG.postPending)).toBe(operation.state === 'confirmed');
          const truth = server.book.entries.get(operation.id)?.state ?? 'never-received';
          if (operation.handed_over_at !== null || paid.includes(operation.id)) {
            // Cash left the drawer: only for what the branch durably booked as confirmed, which the counterparty confirms.
            expect(operation.state).toBe('confirmed');
            expect(truth).toBe('confirmed');
          }
          const agrees = (truth === 'confirmed') === (operation.state === 'confirmed');
          expect(item.get(operation.id) ?? null).toBe(agrees ? null : truth === 'confirmed' ? 'confirmed' : truth === 'refused' ? 'refused' : 'expired');
        }
      } finally {
        db.close();
      }
    } finally {
      await proxy.stop();
      await server.stop();
      temp.remove();
    }
  }, 600_000);
});
