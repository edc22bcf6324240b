// The demo head office's own process: PGlite (PostgreSQL in WebAssembly) runs here, so
// its initdb and migrations — seconds of synchronous WebAssembly and several hundred MB —
// never stall the counter's event loop nor weigh on its memory. Forked by
// demo-head-office.ts; answers over the IPC channel (demo-head-office-messages.ts).
// Plain Node: in the packaged app electron-vite emits it as out/main/demo-head-office-process.js.
import { errorFields, type FromDemoHeadOffice, type ToDemoHeadOffice } from './demo-head-office-messages';
import { openPgliteHeadOffice, type PgliteHeadOffice } from './pglite-head-office';

let office: Promise<PgliteHeadOffice> | null = null;

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
      openPgliteHeadOffice(message.dir, message.branchCode)
        .then((o) => o.close())
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
