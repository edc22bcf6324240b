import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoHeadOfficeError, FromDemoHeadOffice, ToDemoHeadOffice } from './demo-head-office-messages';
import type { SqlConnection } from './sql-runner';

interface Waiting {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

/**
 * A head office inside the app, for the demo branch and training: PGlite running the
 * very same migrations and functions, in a child process of its own
 * (demo-head-office-process.ts). PGlite's first start (initdb in WebAssembly) and its
 * memory would otherwise stall the counter's event loop for seconds and triple its
 * resident memory. fsync off, relaxed durability — a demo, never production; the
 * status bar says `demo` whenever this is what the branch talks to.
 */
export class DemoHeadOffice {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private exited: Promise<void>;
  private stopped: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly branchRole: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: FromDemoHeadOffice) => this.answer(message));
    child.once('exit', (code, signal) => {
      this.stopped ??= `the demo head office stopped (${signal ?? `exit ${code}`})`;
      for (const w of this.waiting.values()) w.reject(new Error(this.stopped));
      this.waiting.clear();
    });
  }

  /** Starts the demo head office's process and opens (or creates) it in `dir`, with this branch registered. */
  static async open(dir: string | null, branchCode: string): Promise<DemoHeadOffice> {
    // A first start creates the folder in a process of its own that then exits: initdb's
    // memory goes with it, and the process that stays opens a ready folder (~230 MB, not ~850 MB).
    if (dir && !existsSync(join(dir, 'PG_VERSION'))) await prepareFolder(dir, branchCode);
    const child = forkDemoHeadOffice();
    const answer = await firstAnswer(child, { kind: 'open', dir, branchCode });
    return new DemoHeadOffice(child, answer.branchRole);
  }

  /** False once its process has gone (closed, or crashed). */
  get running(): boolean {
    return this.stopped === null;
  }

  /** The branch's session; closing it leaves the demo head office running. */
  connection(): SqlConnection {
    return { query: (text, params) => this.query(text, params), close: async () => {} };
  }

  private query<R>(text: string, params: unknown[] = []): Promise<{ rows: R[] }> {
    if (this.stopped) return Promise.reject(new Error(this.stopped));
    const id = this.nextId++;
    return new Promise<unknown[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(this.child, { kind: 'query', id, text, params });
    }).then((rows) => ({ rows: rows as R[] }));
  }

  private answer(message: FromDemoHeadOffice): void {
    if (message.kind !== 'rows' && message.kind !== 'error') return;
    const waiting = this.waiting.get(message.id);
    this.waiting.delete(message.id);
    if (message.kind === 'rows') waiting?.resolve(message.rows);
    else waiting?.reject(errorOf(message.error));
  }

  /** Closes PGlite (it flushes its files) and waits for its process to end. */
  async close(): Promise<void> {
    if (this.stopped === null) {
      this.stopped = 'the demo head office was closed';
      send(this.child, { kind: 'close' });
    }
    await this.exited;
  }
}

/** Creates the demo head office in `dir` in a process that exits once done. */
async function prepareFolder(dir: string, branchCode: string): Promise<void> {
  const child = forkDemoHeadOffice();
  let failure: Error | null = null;
  child.on('message', (answer: FromDemoHeadOffice) => {
    if (answer.kind === 'failed') failure = errorOf(answer.error);
  });
  // 'close', not 'exit': it comes after the IPC channel is drained, so a `failed` sent before exiting is read.
  const ended = new Promise<string>((resolve) => {
    child.once('close', (code, signal) => resolve(signal ?? `exit ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  send(child, { kind: 'prepare', dir, branchCode });
  const outcome = await ended;
  if (outcome !== 'exit 0') throw failure ?? new Error(`the demo head office could not be created (${outcome})`);
}

/** Sends `message` and waits for the child's `ready`; a failure or an exit rejects and ends the child. */
function firstAnswer(child: ChildProcess, message: ToDemoHeadOffice): Promise<Extract<FromDemoHeadOffice, { kind: 'ready' }>> {
  return new Promise<Extract<FromDemoHeadOffice, { kind: 'ready' }>>((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) => reject(new Error(`the demo head office stopped while starting (${signal ?? `exit ${code}`})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', function first(answer: FromDemoHeadOffice) {
      if (answer.kind !== 'ready' && answer.kind !== 'failed') return;
      child.off('message', first);
      child.off('exit', onExit);
      child.off('error', reject);
      if (answer.kind === 'failed') reject(errorOf(answer.error));
      else resolve(answer);
    });
    send(child, message);
  }).catch((error: unknown) => {
    child.kill();
    throw error;
  });
}

function send(child: ChildProcess, message: ToDemoHeadOffice): void {
  if (child.connected) child.send(message);
}

function errorOf(fields: DemoHeadOfficeError): Error {
  return Object.assign(new Error(fields.message), fields);
}

/**
 * Forks the demo head office's process: from the built file beside this module in the
 * packaged app (out/main/), from the TypeScript source through tsx when run from
 * source (npm run start:web, tests). Under Electron, ELECTRON_RUN_AS_NODE makes the
 * app's own binary a plain Node for the child: no window, no second app instance.
 */
function forkDemoHeadOffice(): ChildProcess {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const name = fromSource ? 'demo-head-office-process.ts' : 'demo-head-office-process.js';
  // A bundler may place this module in a chunk one folder below the entry files.
  const file = [join(dirname(here), name), join(dirname(here), '..', name)].find((f) => existsSync(f));
  if (!file) throw new Error(`the demo head office's process file ${name} is missing beside ${here}`);
  const child = fork(file, [], {
    cwd: dirname(file),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Background work: on a two-core counter PC the clerk's window wins the CPU over initdb.
  try {
    if (child.pid) setPriority(child.pid, 10);
  } catch {
    // Not permitted here: it runs at the counter's priority, still off its event loop.
  }
  return child;
}
