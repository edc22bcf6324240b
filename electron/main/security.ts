import { app, Menu, session, shell, type WebContents } from 'electron';
import { productionMenuTemplate } from './app-menu';
import { mayOpenExternally } from './external-links';

/**
 * No navigation away from the app, no new windows, no webviews, no permission
 * prompts (camera, geolocation…): a counter window shows the counter only. A link
 * goes to the system browser only when it points at a site the post configured.
 */
export function hardenApp(allowedHosts: () => readonly string[]): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (mayOpenExternally(url, allowedHosts())) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** A packaged app gets a menu without DevTools or reload; a developer's build keeps Electron's. */
export function useProductionMenu(packaged: boolean): void {
  if (packaged) Menu.setApplicationMenu(Menu.buildFromTemplate(productionMenuTemplate(process.platform)));
}

export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
