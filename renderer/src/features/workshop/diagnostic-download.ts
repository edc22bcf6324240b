import { call } from '../../api';

/** Asks the host for the bundle and hands it to the browser as a file download for support. */
export async function downloadDiagnosticBundle(): Promise<string> {
  const bundle = await call('devices.diagnosticBundle', {});
  const url = URL.createObjectURL(new Blob([bundle.json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = bundle.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return bundle.fileName;
}
