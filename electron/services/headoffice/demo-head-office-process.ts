// The demo head office's own process: PGlite (PostgreSQL in WebAssembly) runs here, so
// its initdb and migrations — seconds of synchronous WebAssembly and several hundred MB —
// never stall the counter's event loop nor weigh on its memory. Forked by
// demo-head-office.ts; answers over the IPC channel (demo-head-office-messages.ts).
// Plain Node: in the packaged app electron-vite emits it as out/main/demo-head-office-process.js.
import { renameSync, rmSync } from 'node:fs';
import { errorFields, type FromDemoHeadOffice, type ToDemoHeadOffice } from './demo-head-office-messages';
import { openPgliteHeadOffice, type PgliteHeadOffice } from './pglite-head-office';

let office: Promise<PgliteHeadOffice> | null = null;

/**
 * Creates the head office beside `dir` and moves it into place once complete: a counter
 * closed (or a PC switched off) halfway leaves only a `.preparing` folder, redone next time,
 * never a half-made cluster that would fail every later start.
 */
async function prepareFolder(dir: string, branchCode: string): Promise<void> {
  const preparing = `${dir}.preparing`;
  rmSync(preparing, { recursive: true, force: true });
  const made = await openPgliteHeadOffice(preparing, branchCode);
  await made.close();
  rmSync(dir, { recursive: true, force: true }); // only ever a folder without PG_VERSION (see demo-head-office.ts)
  renameSync(preparing, dir);
}

function say(message: FromDemoHeadOffice, then?: () => void): void {
  if (process.connected && process.send) process.send(message, undefined, {}, () => then?.());
  else then?.();
}

async function closeAndExit(): Promise<never> {
  // Closed cleanly even when the counter went away: PGlite flushes its files on close.
  await office?.then((o) => o.close()).catch(() => undefined);
  process.exit(0);
}

process.on('message', (message: ToDemoHeadOffice) => {
  switch (message.kind) {
    case 'open':
      office ??= openPgliteHeadOffice(message.dir, message.branchCode);
      office.then(
        (o) => say({ kind: 'ready', branchRole: o.branchRole }),
        (error: unknown) => say({ kind: 'failed', error: errorFields(error) }),
      );
      return;
    case 'prepare':
      // initdb's WebAssembly leaves ~600 MB behind that a closed PGlite does not give back;
      // a process that only prepares the folder and exits returns it all.
      prepareFolder(message.dir, message.branchCode)
        .then(
          () => say({ kind: 'prepared' }, () => process.exit(0)),
          (error: unknown) => say({ kind: 'failed', error: errorFields(error) }, () => process.exit(1)),
        );
      return;
    case 'query':
      if (!office) return say({ kind: 'error', id: message.id, error: { message: 'the demo head office was not opened' } });
      office
        .then((o) => o.sql.query(message.text, message.params))
        .then(
          (result) => say({ kind: 'rows', id: message.id, rows: result.rows }),
          (error: unknown) => say({ kind: 'error', id: message.id, error: errorFields(error) }),
        );
      return;
    case 'close':
      void closeAndExit();
  }
});
// The counter closed or crashed: no orphan head office is left holding its folder.
process.on('disconnect', () => void closeAndExit());
