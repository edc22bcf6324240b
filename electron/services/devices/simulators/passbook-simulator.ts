// A passbook printer that speaks Olivetti PR2 or Epson ESC/P on the other end of a socat pty pair
// or on a loopback TCP port. It models the passbook in its slot (inserted open at a page, taken
// out, ejected), answers status requests in its order of work (after the lines sent before
// them, as the device relies on), and records every line it put on paper at its page, slot and
// columns, so tests and technicians can check the bytes' effect. Training mode uses it as is.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { PassbookStatusCodes } from '../config';
import type { PassbookModel } from '../protocols/passbook/dialect';
import { escpStatusAnswer, pr2DocumentAnswer, pr2PrinterAnswer, type PassbookCondition } from '../protocols/passbook/status';
import { openSerialEnd, type SerialEnd } from './serial-end';

export interface PrintedPassbookLine {
  /** The page the passbook was open at. */
  page: number;
  /** Vertical slot from the page's top edge (ESC/P: the 1/360-inch position ÷ the line pitch). */
  slot: number;
  /** ESC/P only: the vertical position in 1/360 inch as sent. */
  y360: number | null;
  /** The row from the left margin, one character per column (spaces where nothing printed). */
  text: string;
}

export interface PassbookSimulatorOptions {
  codes?: PassbookStatusCodes;
  /** ESC/P: 1/360-inch units per line slot, to report slots (60: 1/6 inch). */
  linePitch360?: number;
}

interface PassbookSimulatorEvents {
  line: [line: PrintedPassbookLine];
  eject: [page: number];
}

const ESC = 0x1b;
const CR = 0x0d;
const LF = 0x0a;
const FF = 0x0c;
const digit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;

export class PassbookSimulator extends EventEmitter<PassbookSimulatorEvents> {
  private readonly codes: PassbookStatusCodes;
  private readonly escpRequest: Buffer;
  private condition: PassbookCondition = { present: false, coverOpen: false, error: false };
  private openPage = 1;
  private pending = Buffer.alloc(0);
  private row: string[] = [];
  private column = 0;
  private slot = 0;
  private y360: number | null = null;
  private unit360 = 1;
  private pullOutIn: number | null = null;
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private serial: SerialEnd | null = null;
  private requestedPort = 0;
  /** What went on paper, in order. */
  readonly printed: PrintedPassbookLine[] = [];
  /** Pages that came out, in order. */
  readonly ejected: number[] = [];
  /** Rows sent while the printer could not print them (no passbook, cover open, error). */
  dropped = 0;
  /** Document length a PR2 host declared (ESC Q n ESC Z), in lines. */
  documentLength: number | null = null;
  /** Every byte received, for byte-exact checks. */
  captured = Buffer.alloc(0);

  constructor(
    readonly model: PassbookModel,
    private readonly options: PassbookSimulatorOptions = {},
  ) {
    super();
    this.codes = options.codes ?? PassbookStatusCodes.parse({});
    this.escpRequest = Buffer.from(this.codes.escpStatusRequest, 'latin1');
  }

  get state(): PassbookCondition & { page: number } {
    return { ...this.condition, page: this.openPage };
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : this.requestedPort;
  }

  /** The clerk puts the passbook in, open at `page`. */
  insert(page: number): void {
    this.openPage = page;
    this.condition = { ...this.condition, present: true };
  }

  /** The clerk takes the passbook out. */
  remove(): void {
    this.condition = { ...this.condition, present: false };
  }

  set(patch: Partial<Pick<PassbookCondition, 'coverOpen' | 'error'>>): void {
    this.condition = { ...this.condition, ...patch };
  }

  /** The clerk pulls the passbook out just as the `n`-th line from now arrives: that line never prints. */
  pullOutAtLine(n: number): void {
    this.pullOutIn = n;
  }

  /** Listens on loopback TCP, like a network passbook printer (or a serial-to-Ethernet bridge). */
  listen(port = this.requestedPort, host = '127.0.0.1'): Promise<number> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('data', (chunk: Buffer) => this.heard(chunk, (bytes) => socket.write(bytes)));
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        // A printer keeps its address across power cycles.
        this.requestedPort = this.port;
        resolve(this.port);
      });
    });
  }

  /** Opens the simulator's end of a pty pair (the counter opens the other). */
  async attach(path: string): Promise<void> {
    const end = await openSerialEnd(path);
    this.serial = end;
    // A pulled cable fails the write (EIO): a printer without a cable just is not heard.
    end.onData((chunk) => this.heard(chunk, (bytes) => void end.write(bytes).catch(() => undefined)));
  }

  /** Switches the printer off: connections drop, the port and the serial end close. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const serial = this.serial;
    this.serial = null;
    await serial?.close();
    this.pending = Buffer.alloc(0);
  }

  private heard(chunk: Buffer, reply: (bytes: Buffer) => void): void {
    this.captured = Buffer.concat([this.captured, chunk]);
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const used = this.model === 'olivetti-pr2' ? this.pr2Step(reply) : this.escpStep(reply);
      if (used === 0) break;
      this.pending = this.pending.subarray(used);
    }
  }

  /** Interprets one PR2 command or character at the head of `pending`; returns the bytes used, 0 to wait for more. */
  private pr2Step(reply: (bytes: Buffer) => void): number {
    const p = this.pending;
    if (p.length === 0) return 0;
    if (p[0] !== ESC) return this.plain(p[0] as number);
    const command = p[1];
    if (command === undefined) return 0;
    switch (command) {
      case 0x4c: {
        // ESC L nnn: to line slot nnn.
        if (p.length < 5) return 0;
        if (![p[2], p[3], p[4]].every(digit)) return 2;
        this.flushRow();
        this.slot = Number(p.subarray(2, 5).toString('latin1'));
        this.column = 0;
        return 5;
      }
      case 0x51: {
        // ESC Q n ESC Z: document length, refused with a document in.
        const end = p.indexOf(Buffer.of(ESC, 0x5a), 2);
        if (end < 0) return p.length > 8 ? 2 : 0;
        if (!this.condition.present) this.documentLength = Number(p.subarray(2, end).toString('latin1'));
        return end + 2;
      }
      case 0x4f:
        this.flushRow();
        this.eject();
        return 2;
      case 0x6c:
        this.condition = { ...this.condition, error: false };
        return 2;
      case 0x6a:
        reply(pr2PrinterAnswer(this.condition, this.codes));
        return 2;
      case 0x20: {
        if (p.length < 3) return 0;
        if (p[2] === 0x42) reply(pr2DocumentAnswer(this.condition, this.codes));
        return 3;
      }
      default:
        return 2;
    }
  }

  /** Interprets one ESC/P command or character at the head of `pending`. */
  private escpStep(reply: (bytes: Buffer) => void): number {
    const p = this.pending;
    if (p.length === 0) return 0;
    if (p.subarray(0, this.escpRequest.length).equals(this.escpRequest)) {
      reply(escpStatusAnswer(this.condition, this.codes));
      return this.escpRequest.length;
    }
    if (this.escpRequest.subarray(0, p.length).equals(p)) return 0;
    if (p[0] === FF) {
      this.flushRow();
      this.eject();
      return 1;
    }
    if (p[0] !== ESC) return this.plain(p[0] as number);
    const command = p[1];
    if (command === undefined) return 0;
    if (command === 0x40) {
      this.column = 0;
      this.unit360 = 1;
      return 2;
    }
    if (command === 0x24) {
      if (p.length < 4) return 0;
      this.column = ((p[2] as number) + 256 * (p[3] as number)) / 6;
      return 4;
    }
    if (command === 0x28) {
      if (p.length < 5) return 0;
      const length = (p[3] as number) + 256 * (p[4] as number);
      if (p.length < 5 + length) return 0;
      const data = p.subarray(5, 5 + length);
      if (p[2] === 0x55 && length === 1) this.unit360 = (data[0] as number) / 10;
      if (p[2] === 0x56 && length === 2) {
        this.flushRow();
        this.y360 = ((data[0] as number) + 256 * (data[1] as number)) * this.unit360;
        this.slot = this.y360 / (this.options.linePitch360 ?? 60);
      }
      return 5 + length;
    }
    return 2;
  }

  private plain(byte: number): number {
    if (byte === CR) {
      this.flushRow();
      this.column = 0;
    } else if (byte === LF) {
      this.flushRow();
      this.slot += 1;
    } else if (byte >= 0x20 && byte <= 0x7e) {
      while (this.row.length < this.column) this.row.push(' ');
      this.row[this.column] = String.fromCharCode(byte);
      this.column += 1;
    }
    return 1;
  }

  private flushRow(): void {
    const text = this.row.join('').trimEnd();
    this.row = [];
    if (!text) return;
    if (this.pullOutIn !== null) {
      this.pullOutIn -= 1;
      if (this.pullOutIn <= 0) {
        this.pullOutIn = null;
        this.remove();
      }
    }
    const { present, coverOpen, error } = this.condition;
    if (!present || coverOpen || error) {
      this.dropped += 1;
      return;
    }
    const line: PrintedPassbookLine = { page: this.openPage, slot: this.slot, y360: this.model === 'epson-escp' ? this.y360 : null, text };
    this.printed.push(line);
    this.emit('line', line);
  }

  private eject(): void {
    if (!this.condition.present) return;
    this.ejected.push(this.openPage);
    this.condition = { ...this.condition, present: false };
    this.emit('eject', this.openPage);
  }
}
