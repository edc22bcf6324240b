import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { bundleCrashChild, ROOT } from './crash-child';
import { openLedgerHarness } from './ledger-harness';
import { expectLedgerInvariants } from './ledger-invariants';

let childBundle = '';
const KILLS = 104;
/** Two lanes on two files: the machine has two cores and each child needs a second to start. */
const LANES = 2;

interface Life {
  acked: string[];
  killedAfterReady: boolean;
}

/**
 * Starts a trading child and SIGKILLs it at a random moment: sometimes while it starts, mostly
 * mid-trade — after a random number of acknowledged operations and a random few milliseconds, so
 * the kill lands while trading however slow the machine is (a wall-clock delay after start-up
 * landed before the first operation on a loaded 2-core machine).
 */
function liveAndDie(file: string): Promise<Life> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [childBundle, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let ready = false;
    let errors = '';
    const kill = () => child.kill('SIGKILL');
    if (Math.random() < 0.1) setTimeout(kill, Math.random() * 600);
    const killAtAck = 1 + Math.floor(Math.random() * 8);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready' && !ready) ready = true;
        else if (line.startsWith('ack ')) {
          acked.push(line.slice(4));
          if (acked.length === killAtAck) setTimeout(kill, Math.random() * 5);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`child ended by itself (code ${code}): ${errors}`));
      else done({ acked, killedAfterReady: ready });
    });
  });
}

describe('ledger crash safety', () => {
  it(`every acknowledged operation survives ${KILLS} SIGKILLs, nothing is half-posted, verify passes`, async () => {
    const temp = makeTempDir('ledger-crash-');
    try {
      childBundle = await bundleCrashChild('ledger-crash', { external: ['better-sqlite3'] });
      const files = Array.from({ length: LANES }, (_, lane) => join(temp.dir, `lane-${lane}.sqlite`));
      // Migrations run once up front: the foundation's migrator is not one transaction per step.
      for (const file of files) await (await openLedgerHarness(file)).close();

      const acked = files.map(() => [] as string[]);
      let midTrade = 0;
      await Promise.all(
        files.map(async (file, lane) => {
          for (let i = 0; i < KILLS / LANES; i += 1) {
            const life = await liveAndDie(file);
            acked[lane]!.push(...life.acked);
            if (life.killedAfterReady && life.acked.length > 0) midTrade += 1;
          }
        }),
      );
      // Most kills must land while trading, not while starting, or the test proves little.
      expect(midTrade, `${midTrade} of ${KILLS} kills landed mid-trade`).toBeGreaterThan(KILLS / 2);

      for (const [lane, file] of files.entries()) {
        const h = await openLedgerHarness(file, { migrate: false });
        try {
          const sqlite = h.opened.sqlite;
          expect(acked[lane]!.length).toBeGreaterThan(100);
          const missing = acked[lane]!.filter((id) => !sqlite.prepare('SELECT 1 FROM ledger_operations WHERE id = ?').get(id));
          expect(missing).toEqual([]);
          expectLedgerInvariants(sqlite);
        } finally {
          await h.close();
        }
      }
    } finally {
      temp.remove();
    }
  }, 600_000);
});
