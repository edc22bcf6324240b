import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Watermark {
  acked_seq: number;
  acked_hash: string;
}

/**
 * The highest acknowledged seq, kept beside (not inside) the branch database.
 * A database restored from an older backup comes back with an older cursor; this
 * file does not, so the counter knows at once that head office is ahead and
 * refuses to reuse sequence numbers even before the link comes back.
 */
export class WatermarkFile {
  readonly file: string;

  constructor(dataDir: string, branchCode: string) {
    this.file = join(dataDir, `replication-watermark-${branchCode.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  read(): Watermark | null {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Watermark>;
      return typeof parsed.acked_seq === 'number' && typeof parsed.acked_hash === 'string'
        ? { acked_seq: parsed.acked_seq, acked_hash: parsed.acked_hash }
        : null;
    } catch {
      return null;
    }
  }

  write(mark: Watermark): void {
    const current = this.read();
    if (current && current.acked_seq >= mark.acked_seq) return;
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(mark));
    renameSync(temp, this.file);
  }
}
