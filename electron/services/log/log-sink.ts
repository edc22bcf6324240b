import { mkdirSync } from 'node:fs';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

/** Where log lines go now; the status bar shows it so a silent log is never a surprise. */
export interface LogSinkState {
  target: 'file' | 'stderr';
  /** Why the file was given up (full or read-only disk), null while it works. */
  lastError: string | null;
}

export interface LogSinkOptions {
  dir: string;
  /** How long to stay on stderr before trying the file again (default one minute). */
  retryMs?: number;
  /** Called when the target changes, so the status bar can follow. */
  onChange?: (state: LogSinkState) => void;
}

/**
 * The destination pino writes to. A full or read-only disk makes the rotating
 * file fail: without a listener that `'error'` would end the process — and with
 * it every till. Here a failure switches the lines to stderr, says so, and the
 * file is tried again after `retryMs`, once space may have returned.
 */
export class LogSink {
  private stream: RotatingFileStream | null = null;
  private failedAt = 0;
  private closed = false;
  private current: LogSinkState = { target: 'file', lastError: null };
  private readonly retryMs: number;

  constructor(private readonly options: LogSinkOptions) {
    this.retryMs = options.retryMs ?? 60_000;
    this.open();
  }

  get state(): LogSinkState {
    return this.current;
  }

  write(line: string): boolean {
    // After close (a host reopening the counter) a late line goes to stderr, never to a file left open.
    if (!this.stream && !this.closed && Date.now() - this.failedAt >= this.retryMs) this.open();
    if (this.stream) return this.stream.write(line);
    writeToStderr(line);
    return true;
  }

  close(): Promise<void> {
    this.closed = true;
    const stream = this.stream;
    this.stream = null;
    if (!stream) return Promise.resolve();
    return new Promise((resolve) => {
      stream.once('error', () => resolve());
      stream.end(() => resolve());
    });
  }

  private open(): void {
    try {
      mkdirSync(this.options.dir, { recursive: true });
      const stream = createStream('counter.log', { path: this.options.dir, size: '10M', maxFiles: 10 });
      stream.on('error', (error) => this.fail(stream, error));
      stream.once('open', () => {
        if (this.stream === stream && this.current.target !== 'file') this.change({ target: 'file', lastError: null });
      });
      this.stream = stream;
    } catch (error) {
      this.fail(null, error);
    }
  }

  private fail(stream: RotatingFileStream | null, error: unknown): void {
    if (stream && stream !== this.stream) return;
    this.stream = null;
    this.failedAt = Date.now();
    const detail = error instanceof Error ? error.message : String(error);
    writeToStderr(`${JSON.stringify({ level: 50, time: new Date().toISOString(), msg: 'log file failed: logging to stderr', err: detail })}\n`);
    this.change({ target: 'stderr', lastError: detail });
  }

  private change(state: LogSinkState): void {
    this.current = state;
    this.options.onChange?.(state);
  }
}

/** stderr may be closed too (a desktop app without a console): losing a line beats crashing. */
function writeToStderr(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // nowhere left to write
  }
}
