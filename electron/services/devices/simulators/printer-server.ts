// A receipt/label printer on a loopback TCP port (like port 9100 on a real one). It answers
// DLE EOT (Epson), ESC ACK SOH (Star), ~HS (ZPL) and ESC ! ? (TSPL) status requests from its
// simulated condition (for a label printer, an open cover is its head up), and turns
// each job back into readable lines (and a PNG preview), so a technician sees what the counter
// told the printer.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { createCanvas } from '@napi-rs/canvas';
import { describeEscPos } from '../protocols/escpos/decode';
import { healthBytes } from '../protocols/escpos/status';
import { asbBytes } from '../protocols/star/asb';
import { describeStar } from '../protocols/star/decode';
import { decodeTspl, decodeZpl, describeLabel } from '../protocols/label-decode';
import { labelStatusAnswer, TSPL_STATUS, ZPL_HOST_STATUS } from '../protocols/label-status';

export interface PrinterCondition {
  paperOut: boolean;
  coverOpen: boolean;
  drawerOpen: boolean;
}

export interface PrintedJob {
  language: 'escpos' | 'star' | 'zpl' | 'tspl';
  bytes: Buffer;
  transcript: string[];
  at: string;
}

interface PrinterServerEvents {
  job: [job: PrintedJob];
  connection: [];
}

const IDLE_FLUSH_MS = 150;

export const languageOf = (bytes: Buffer): PrintedJob['language'] => {
  const head = bytes.subarray(0, 64).toString('latin1');
  if (head.includes('^XA')) return 'zpl';
  if (/^(SIZE|GAP|CLS)/m.test(head)) return 'tspl';
  // ESC GS (Star's code page, alignment, QR) and ESC BEL (Star's drawer pulse) are not ESC/POS.
  if (/\x1b[\x1d\x07]/.test(head)) return 'star';
  return 'escpos';
};

export const transcribe = (bytes: Buffer): string[] => {
  const language = languageOf(bytes);
  if (language === 'zpl') return describeLabel(decodeZpl(bytes.toString('utf8')));
  if (language === 'tspl') return describeLabel(decodeTspl(bytes.toString('utf8')));
  if (language === 'star') return describeStar(bytes);
  return describeEscPos(bytes);
};

/** The transcript drawn as a paper strip, for a quick look without a printer. */
export const previewPng = (transcript: string[]): Buffer => {
  const lineHeight = 18;
  const canvas = createCanvas(520, Math.max(1, transcript.length) * lineHeight + 20);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = '14px monospace';
  transcript.forEach((line, index) => ctx.fillText(line, 10, 20 + index * lineHeight));
  return canvas.toBuffer('image/png');
};

/**
 * Where the first job in `bytes` ends: after ^XZ (ZPL), PRINT n (TSPL) or the cut with its ESC @
 * (GS V on ESC/POS; ESC d 2/3 on a Star, where on an Epson ESC d n only feeds). 0 if none.
 */
export const jobEnd = (bytes: Buffer): number => {
  const text = bytes.toString('latin1');
  const cut = languageOf(bytes) === 'star' ? /\x1bd[\x00-\x03\x30-\x33](?:\x1b@)?/ : /\x1dV[\x00\x01\x30\x31](?:\x1b@)?/;
  const ends = [/\^XZ\s*/.exec(text), /PRINT \d+(?:,\d+)?\r?\n/.exec(text), cut.exec(text)]
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => match.index + match[0].length);
  return ends.length ? Math.min(...ends) : 0;
};

const DLE_EOT = Buffer.of(0x10, 0x04);
const ESC_ACK_SOH = Buffer.of(0x1b, 0x06, 0x01);
const HOST_STATUS = Buffer.from(ZPL_HOST_STATUS);
const TSPL_QUERY = Buffer.from(TSPL_STATUS);

/** Length of the status request (DLE EOT n, ESC ACK SOH, ~HS, ESC ! ?) `bytes` start with; 0 if none. */
const statusRequestAt = (bytes: Buffer): number => {
  if (bytes.length >= 3 && bytes[0] === 0x10 && bytes[1] === 0x04) return 3;
  for (const request of [ESC_ACK_SOH, HOST_STATUS, TSPL_QUERY]) if (bytes.subarray(0, request.length).equals(request)) return request.length;
  return 0;
};

/**
 * Length of the drawer pulse `bytes` start with (ESC p m t1 t2; a Star's ESC BEL n1 n2 BEL); 0 if
 * none. A pulse sent between two receipts is a job of its own at once: a real printer acts on it
 * as it comes, so the status request behind it must be answered, not held with it.
 */
const drawerPulseAt = (bytes: Buffer): number => {
  if (bytes.length >= 5 && bytes[0] === 0x1b && bytes[1] === 0x70) return 5;
  if (bytes.length >= 5 && bytes[0] === 0x1b && bytes[1] === 0x07 && bytes[4] === 0x07) return 5;
  return 0;
};

const nextStatusRequest = (bytes: Buffer): number => {
  const found = [DLE_EOT, ESC_ACK_SOH, HOST_STATUS, TSPL_QUERY].map((request) => bytes.indexOf(request)).filter((at) => at >= 0);
  return found.length ? Math.min(...found) : -1;
};

export class PrinterServer extends EventEmitter<PrinterServerEvents> {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private condition: PrinterCondition = { paperOut: false, coverOpen: false, drawerOpen: false };
  readonly jobs: PrintedJob[] = [];
  /** Every byte received, in order, across connections (tests decode this themselves). */
  captured: Buffer = Buffer.alloc(0);

  constructor(
    private readonly host = '127.0.0.1',
    private requestedPort = 0,
  ) {
    super();
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : this.requestedPort;
  }

  set(patch: Partial<PrinterCondition>): void {
    this.condition = { ...this.condition, ...patch };
  }

  start(): Promise<number> {
    const server = createServer((socket) => this.serve(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, this.host, () => {
        // Keep the port across stop/start, as a real printer keeps its address.
        this.requestedPort = this.port;
        resolve(this.port);
      });
    });
  }

  /** Switches the printer off: connections drop and the port stops answering. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The answer to the status request at the start of `pending`: one DLE EOT byte, a Star ASB frame, or a label printer's status. */
  private answer(pending: Buffer): Buffer {
    if (pending.subarray(0, HOST_STATUS.length).equals(HOST_STATUS)) return labelStatusAnswer('zpl', this.condition);
    if (pending.subarray(0, TSPL_QUERY.length).equals(TSPL_QUERY)) return labelStatusAnswer('tspl', this.condition);
    if (pending[0] === 0x1b) return Buffer.from(asbBytes(this.condition));
    const [printer, cause, paper] = healthBytes(this.condition);
    const n = pending[2];
    return Buffer.of(n === 1 ? printer : n === 2 ? cause : paper);
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    this.emit('connection');
    let pending = Buffer.alloc(0);
    let idle: NodeJS.Timeout | null = null;
    const record = (bytes: Buffer): void => {
      const job: PrintedJob = { language: languageOf(bytes), bytes, transcript: transcribe(bytes), at: new Date().toISOString() };
      this.jobs.push(job);
      this.emit('job', job);
    };
    // Anything without an end marker (a lone drawer pulse) is a job once the line goes quiet.
    const flush = (): void => {
      if (idle) clearTimeout(idle);
      idle = null;
      const bytes = pending;
      pending = Buffer.alloc(0);
      // A lone ESC @ (the reset after a cut that arrived in the next packet) is not a job.
      if (bytes.length === 0 || bytes.equals(Buffer.of(0x1b, 0x40))) return;
      record(bytes);
    };
    socket.on('data', (chunk: Buffer) => {
      this.captured = Buffer.concat([this.captured, chunk]);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        // The reset that trails a cut may arrive apart from it: between jobs it prints nothing.
        if (pending.length >= 4 && pending[0] === 0x1b && pending[1] === 0x40 && statusRequestAt(pending.subarray(2)) > 0)
          pending = pending.subarray(2);
        // Real-time status requests are answered at once and are not part of any job.
        const request = statusRequestAt(pending);
        if (request > 0) {
          socket.write(this.answer(pending));
          pending = pending.subarray(request);
          continue;
        }
        // A stopped printer (paper out, cover open) prints nothing of what it is sent.
        if (this.condition.paperOut || this.condition.coverOpen) {
          const next = nextStatusRequest(pending);
          pending = next < 0 ? Buffer.alloc(0) : pending.subarray(next);
          if (next <= 0) break;
          continue;
        }
        const pulse = drawerPulseAt(pending);
        if (pulse > 0) {
          record(pending.subarray(0, pulse));
          pending = pending.subarray(pulse);
          continue;
        }
        // Jobs sent back to back can arrive in one chunk: cut them apart at each job end.
        const end = jobEnd(pending);
        if (end === 0) break;
        record(pending.subarray(0, end));
        pending = pending.subarray(end);
      }
      if (idle) clearTimeout(idle);
      idle = setTimeout(flush, IDLE_FLUSH_MS);
    });
    socket.on('close', () => {
      flush();
      this.sockets.delete(socket);
    });
    socket.on('error', () => undefined);
  }
}
