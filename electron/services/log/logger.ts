import { mkdirSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export type { Logger };

/**
 * Fields that could carry a PIN, password, session token or credential. The
 * code never logs call inputs; this list is the second line of defence.
 */
const REDACTED = [
  'secret', '*.secret', '*.*.secret',
  'pin', '*.pin', 'password', '*.password', '*.*.password',
  'token', '*.token', 'session', '*.session',
  'approval', '*.approval', 'credentials', '*.credentials',
  'connectionString', '*.connectionString',
];

export interface CounterLogger {
  logger: Logger;
  /** Flushes and closes the log file. */
  close(): Promise<void>;
}

/** Structured JSON lines in `<dir>/counter.log`, rotated at 10 MB, 10 files kept. */
export function createFileLogger(dir: string, level = process.env.COUNTER_LOG_LEVEL ?? 'info'): CounterLogger {
  mkdirSync(dir, { recursive: true });
  const stream: RotatingFileStream = createStream('counter.log', { path: dir, size: '10M', maxFiles: 10 });
  const logger = pino(
    { level, redact: { paths: REDACTED, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    stream,
  );
  return {
    logger,
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
