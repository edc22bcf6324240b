import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CounterHost } from '../services/counter-host';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { CALL_CHANNEL, createIpcCallHandler } from './ipc-call-handler';
import { readAllowedHosts } from './external-links';
import { denyPermissions, hardenApp, useProductionMenu } from './security';
import { osEncryptor } from './os-encryptor';
import { APP_URL } from './sender-guard';
import { startUpdater } from './updater';
import { counterWebPreferences } from './window-preferences';
import { WindowLinks } from './window-links';

registerAppScheme();
hardenApp(() => readAllowedHosts(app.getPath('userData')));

function createWindow(links: WindowLinks): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: counterWebPreferences(join(import.meta.dirname, '../preload/index.cjs'), app.isPackaged),
  });
  // Linked before the page loads: the status bar's first events reach it.
  links.of(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

app.whenReady().then(async () => {
  denyPermissions();
  useProductionMenu(app.isPackaged);
  serveRenderer(join(import.meta.dirname, '../renderer'));
  // The head-office password is sealed with the OS keychain (DPAPI, Keychain, libsecret) — where there is one.
  const host = await CounterHost.start({ demoOpeningSafe: true, dataDir: app.getPath('userData'), version: app.getVersion(), secretEncryptor: osEncryptor() });
  // Each window's calls and events go through its own link: events reach only windows whose
  // session may see them (no weight or scan on a signed-out or locked screen).
  const links = new WindowLinks(host);
  ipcMain.handle(CALL_CHANNEL, createIpcCallHandler((raw, event: IpcMainInvokeEvent) => links.of(event.sender).route(raw)));
  createWindow(links);
  void startUpdater(host, app.isPackaged);
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow(links));
  app.on('before-quit', () => void host.close());
});

app.on('window-all-closed', () => app.quit());
