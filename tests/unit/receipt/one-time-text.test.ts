import { describe, expect, it } from 'vitest';
import { asCopy, hasOneTimeText, layoutReceipt, withoutOneTimeText, type Receipt } from '@shared/receipt';
import { MemoryPrintJobStore, type PrintJob } from '../../../electron/services/devices/print-job-store';
import { PrintQueue } from '../../../electron/services/devices/print-queue';

const receipt: Receipt = {
  header: ['Agence'],
  entries: [
    { kind: 'text', text: 'CODE SECRET' },
    { kind: 'text', text: '04711235', bold: true, thereafter: 'Code secret : ********' },
  ],
  footer: [],
  demo: false,
};

const printed = (r: Receipt) => layoutReceipt(r, 32).flatMap((row) => (row.kind === 'text' ? [row.text] : [])).join('\n');

describe('one-time text on a receipt (a money order’s secret)', () => {
  it('prints on the original; a copy prints what stands in its place', () => {
    expect(hasOneTimeText(receipt)).toBe(true);
    expect(printed(receipt)).toContain('04711235');
    expect(printed(asCopy(receipt))).not.toContain('04711235');
    expect(printed(asCopy(receipt))).toContain('Code secret : ********');
    expect(withoutOneTimeText(receipt).entries[1]).toEqual({ kind: 'text', text: 'Code secret : ********', bold: true });
    expect(hasOneTimeText(withoutOneTimeText(receipt))).toBe(false);
  });

  it('is gone from the stored job once the original printed, and a reprint never carries it', async () => {
    const store = new MemoryPrintJobStore();
    const paper: string[] = [];
    const queue = new PrintQueue(store, async (job: PrintJob) => {
      if (job.payload.kind === 'receipt') paper.push(printed(job.payload.receipt));
    });
    const job = await queue.enqueue('printer-1', { kind: 'receipt', receipt }, 'op-1');
    await queue.idle();
    expect(paper[0]).toContain('04711235');
    const stored = store.get(job.id)!;
    expect(stored.status).toBe('printed');
    expect(JSON.stringify(stored.payload)).not.toContain('04711235');
    await queue.reprint(job.id);
    await queue.idle();
    expect(paper).toHaveLength(2);
    expect(paper[1]).not.toContain('04711235');
  });
});
