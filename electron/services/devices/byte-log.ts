// The last bytes exchanged with each device, for the technician's workshop and the diagnostic
// bundle: "what did the scale actually send?" is the first question in every support call.

export interface ByteLogEntry {
  at: string;
  direction: 'in' | 'out';
  hex: string;
  /** Printable view: control bytes shown as <STX>, <CR>… */
  text: string;
}

const NAMES: Record<number, string> = {
  0x00: 'NUL', 0x01: 'SOH', 0x02: 'STX', 0x03: 'ETX', 0x04: 'EOT', 0x05: 'ENQ', 0x06: 'ACK', 0x07: 'BEL', 0x0a: 'LF', 0x0d: 'CR',
  0x10: 'DLE', 0x15: 'NAK', 0x1b: 'ESC', 0x1c: 'FS', 0x1d: 'GS', 0x1e: 'RS',
};

export const printable = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `<${NAMES[b] ?? b.toString(16).padStart(2, '0')}>`)).join('');

/** Keeps the last `capacity` chunks, each cut to `maxChunk` bytes so one big print job cannot push out the rest. */
export class ByteLog {
  private entries: ByteLogEntry[] = [];

  constructor(
    private readonly capacity = 100,
    private readonly maxChunk = 256,
  ) {}

  record(direction: 'in' | 'out', bytes: Uint8Array, now: Date = new Date()): ByteLogEntry {
    const shown = bytes.subarray(0, this.maxChunk);
    const cut = bytes.length > shown.length ? `…(+${bytes.length - shown.length} bytes)` : '';
    const entry: ByteLogEntry = {
      at: now.toISOString(),
      direction,
      hex: Buffer.from(shown).toString('hex') + (cut ? ` ${cut}` : ''),
      text: printable(shown) + cut,
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  list(): ByteLogEntry[] {
    return [...this.entries];
  }
}
