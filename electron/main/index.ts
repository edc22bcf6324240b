import { join } from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { CounterHost } from '../services/counter-host';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { CALL_CHANNEL, createIpcCallHandler, EVENT_CHANNEL } from './ipc-call-handler';
import { denyPermissions, hardenApp } from './security';
import { osEncryptor } from './os-encryptor';
import { APP_URL } from './sender-guard';
import { startUpdater } from './updater';

registerAppScheme();
hardenApp();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

app.whenReady().then(async () => {
  denyPermissions();
  serveRenderer(join(import.meta.dirname, '../renderer'));
  // The head-office password is sealed with the OS keychain (DPAPI, Keychain, libsecret) — where there is one.
  const host = await CounterHost.start({ dataDir: app.getPath('userData'), version: app.getVersion(), secretEncryptor: osEncryptor() });
  ipcMain.handle(CALL_CHANNEL, createIpcCallHandler(host.route));
  host.subscribe((message) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, message);
  });
  createWindow();
  void startUpdater(host, app.isPackaged);
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
  app.on('before-quit', () => void host.close());
});

app.on('window-all-closed', () => app.quit());
