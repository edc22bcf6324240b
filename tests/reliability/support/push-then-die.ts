// A branch process that pushes once and is killed (SIGKILL, no cleanup) at a chosen step.
// Usage: tsx push-then-die.ts <branch.sqlite> <head-office url> <before-send|after-reply|never>
import { openDatabase } from '../../../electron/services/db/open-database';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import { ReplicationJob } from '../../../electron/services/replication/replication-job';
import { systemClock } from '../../../electron/services/clock';

const [file, url, step] = process.argv.slice(2);
const opened = openDatabase(file!);
if (!opened.ok) throw new Error(opened.refusal.detail);
const die = (at: string) => {
  process.stdout.write(`dying ${at}\n`);
  process.kill(process.pid, 'SIGKILL');
};
const job = new ReplicationJob({
  sqlite: opened.opened.sqlite,
  clock: systemClock,
  mode: 'configured',
  connect: () => connectPostgres({ connectionString: url }),
  batchSize: 25,
  hooks: {
    beforePush: () => (step === 'before-send' ? die(step) : undefined),
    afterAnswer: () => (step === 'after-reply' ? die(step) : undefined),
  },
});
process.stdout.write('pushing\n');
const status = await job.syncNow();
process.stdout.write(`done ${JSON.stringify(status)}\n`);
process.exit(0);
