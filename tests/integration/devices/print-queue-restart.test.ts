// Hardware never blocks the ledger: a receipt queued while the printer is off (or before any
// printer is configured) waits in the branch database, survives a restart of the counter, and
// prints when the printer answers again. Real loopback printer, real SQLite file, no mocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '@shared/receipt';
import { PrinterServer } from '../../../electron/services/devices/simulators/printer-server';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { waitUntil } from '../../devices/helpers';

const receipt = (reference: string): Receipt => ({
  demo: true,
  header: ['La Poste de Djibouti'],
  entries: [{ kind: 'text', text: `Reçu ${reference}` }, { kind: 'total', label: 'TOTAL', amount: '500 DJF' }],
  footer: [],
});

const printedText = (server: PrinterServer): string => server.jobs.map((job) => job.transcript.join('\n')).join('\n');

const data = makeTempDir('counter-print-queue-');
const printer = new PrinterServer();
let port: number;
const running: CounterFixture[] = [];

const start = async (): Promise<CounterFixture> => {
  const fixture = await startCounter({ dataDir: data.dir });
  running.push(fixture);
  return fixture;
};

beforeAll(async () => {
  // Take a free port and switch the printer off: the counter sees a printer that does not answer.
  port = await printer.start();
  await printer.stop();
});

afterAll(async () => {
  for (const fixture of running) await fixture.close().catch(() => undefined);
  await printer.stop();
  data.remove();
});

describe('print queue in the branch database', () => {
  it('keeps a receipt queued before any printer exists, and one queued while the printer is off, across a restart', async () => {
    const first = await start();
    // No printer configured: queuing still succeeds, the sale would carry on.
    const early = await first.counter.devices!.printReceipt(receipt('SANS-IMPRIMANTE'), 'TX-EARLY');
    expect(early).toMatchObject({ status: 'waiting', reference: 'TX-EARLY' });

    const technician = await first.signIn('ismail', '9012');
    await first.ok('devices.save', { id: 'receipt', name: 'Imprimante tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port } }, technician);
    const late = await first.counter.devices!.printReceipt(receipt('IMPRIMANTE-ETEINTE'), 'TX-OFF');
    expect(late).toMatchObject({ status: 'waiting', deviceId: 'receipt' });

    const clerk = await first.signIn('amina', '1234');
    let offJob = (await first.ok('print.jobs', { limit: 10 }, clerk)).jobs.find((job) => job.reference === 'TX-OFF');
    for (const deadline = Date.now() + 20_000; offJob?.attempts === 0 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100)))
      offJob = (await first.ok('print.jobs', { limit: 10 }, clerk)).jobs.find((job) => job.reference === 'TX-OFF');
    expect(offJob).toMatchObject({ status: 'waiting', lastError: expect.stringMatching(/offline/) });
    expect((await first.ok('print.jobs', { limit: 10 }, clerk)).jobs.map((job) => job.status)).toEqual(['waiting', 'waiting']);
    await first.close();
    running.pop();

    // The counter restarts; the printer is switched back on.
    await printer.start();
    const second = await start();
    await waitUntil(() => printedText(printer).includes('SANS-IMPRIMANTE') && printedText(printer).includes('IMPRIMANTE-ETEINTE'), 30_000, 'both receipts at the printer');
    const clerkAgain = await second.signIn('amina', '1234');
    const after = (await second.ok('print.jobs', { limit: 10 }, clerkAgain)).jobs;
    expect(after.map((job) => [job.reference, job.status])).toEqual(
      expect.arrayContaining([
        ['TX-EARLY', 'printed'],
        ['TX-OFF', 'printed'],
      ]),
    );
    // Printed once each: the restart did not duplicate them.
    expect(printedText(printer).split('SANS-IMPRIMANTE').length - 1).toBe(1);

    const original = after.find((job) => job.reference === 'TX-OFF')!;
    const copy = await second.ok('print.reprint', { jobId: original.id }, clerkAgain);
    expect(copy).toMatchObject({ reprintOf: original.id, reference: 'TX-OFF' });
    await waitUntil(() => printedText(printer).split('IMPRIMANTE-ETEINTE').length - 1 === 2, 20_000, 'the reprint at the printer');
    const audit = await second.ok('audit.list', { limit: 5, action: 'print.reprint' }, await second.signIn('hassan', '5678'));
    expect(audit[0]).toMatchObject({ actor: 'amina', subject: 'TX-OFF', outcome: 'ok' });
  });
});
