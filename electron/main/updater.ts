import { decideUpdate } from '../services/system/update-policy';
import type { CounterHost } from '../services/counter-host';

/**
 * electron-updater reads `electron` on first use, so it is loaded lazily and
 * only in packaged builds. The decision itself is pure and tested.
 */
export async function startUpdater(host: CounterHost, isPackaged: boolean): Promise<void> {
  if (!isPackaged) return;
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.on('update-downloaded', () => {
    const decision = decideUpdate({ downloaded: true, tillsOpen: host.current.status().tillsOpen });
    host.current.logger.info({ decision }, 'update downloaded');
    if (decision === 'install-on-quit') autoUpdater.autoInstallOnAppQuit = true;
  });
  const check = () => autoUpdater.checkForUpdates().catch((err: unknown) => host.current.logger.warn({ err }, 'update check failed'));
  // Fire-and-forget is right: check() logs its own failure, and the next interval retries.
  void check();
  setInterval(() => void check(), 6 * 60 * 60 * 1000).unref();
}
