import Database from 'better-sqlite3';
import { createCounter } from '../../electron/services/counter';
import { makeTempDir } from '../support/temp-dir';
import { nowMs, summarize } from './stats';

async function timeStart(dataDir: string, runs: number): Promise<ReturnType<typeof summarize>> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = nowMs();
    const counter = await createCounter({ dataDir });
    samples.push(nowMs() - started);
    await counter.close();
  }
  return summarize(samples);
}

/** Service start-up (open, quick_check, migrate) on an empty and on a 1,000,000-row branch database. */
export async function benchStartup(rows = 1_000_000): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-startup-');
  try {
    const firstStarted = nowMs();
    const first = await createCounter({ dataDir: temp.dir });
    const firstStartMs = nowMs() - firstStarted; // includes seeding the demo branch (scrypt for each user)
    const file = first.databaseFile;
    await first.close();
    const empty = await timeStart(temp.dir, 5);

    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    const insert = sqlite.prepare(
      "INSERT INTO audit_log (at, actor, action, subject, outcome, details) VALUES (?, 'bench', 'bench.row', ?, 'ok', '{}')",
    );
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(new Date(1_700_000_000_000 + i * 1000).toISOString(), `row-${i}`);
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    const large = await timeStart(temp.dir, 3);
    return { firstStartWithDemoSeedMs: Math.round(firstStartMs), emptyDatabaseMs: empty, [`rows${rows}Ms`]: large };
  } finally {
    temp.remove();
  }
}
