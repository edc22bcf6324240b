// The simulator's end of a (virtual) serial cable: open, write with drain, optional byte-by-byte
// delivery to exercise the driver's framing the hard way.
import { SerialPort } from 'serialport';

export interface SerialEnd {
  write(bytes: Uint8Array, opts?: { byteByByte?: boolean }): Promise<void>;
  onData(listener: (chunk: Buffer) => void): void;
  close(): Promise<void>;
}

export const openSerialEnd = (path: string, baudRate = 9600): Promise<SerialEnd> =>
  new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false, lock: false });
    // A simulator outlives cable pulls in tests; errors are the test's business, not a crash.
    port.on('error', () => undefined);
    const writeChunk = (chunk: Buffer): Promise<void> =>
      new Promise((done, fail) => port.write(chunk, (error) => (error ? fail(error) : port.drain(() => done()))));
    port.open((error) => {
      if (error) return reject(error);
      resolve({
        async write(bytes, opts) {
          if (!port.isOpen) return;
          if (!opts?.byteByByte) return writeChunk(Buffer.from(bytes));
          for (const byte of bytes) {
            await writeChunk(Buffer.of(byte));
            // Separate reads on the other side, not one coalesced chunk.
            await new Promise((r) => setTimeout(r, 2));
          }
        },
        onData(listener) {
          port.on('data', listener);
        },
        close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
      });
    });
  });
