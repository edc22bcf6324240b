import { pino, type Logger } from 'pino';
import { LogSink, type LogSinkState } from './log-sink';

export type { Logger, LogSinkState };

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
  /** File or stderr, and why (a full or read-only disk). */
  sink(): LogSinkState;
  /** Flushes and closes the log file. */
  close(): Promise<void>;
}

export interface FileLoggerOptions {
  level?: string;
  retryMs?: number;
  onSinkChange?: (state: LogSinkState) => void;
}

/** Structured JSON lines in `<dir>/counter.log`, rotated at 10 MB, 10 files kept; stderr while the disk refuses. */
export function createFileLogger(dir: string, options: FileLoggerOptions = {}): CounterLogger {
  const sink = new LogSink({ dir, retryMs: options.retryMs, onChange: (state) => options.onSinkChange?.(state) });
  const logger = pino(
    {
      level: options.level ?? process.env.COUNTER_LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    sink,
  );
  return {
    logger,
    sink: () => sink.state,
    close: () => sink.close(),
  };
}
