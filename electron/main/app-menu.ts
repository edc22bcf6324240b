import type { MenuItemConstructorOptions } from 'electron';

/**
 * The menu of a packaged counter: editing shortcuts for the forms, zoom for the screen,
 * quit — and no DevTools, no reload. Electron's default menu has "Toggle Developer
 * Tools", from which a clerk could call `window.counter.call` with any input; a reload
 * would drop a basket being keyed in. Plain data, so a Node test can walk it.
 */
export function productionMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const window: MenuItemConstructorOptions = { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };
  if (platform === 'darwin') {
    const app: MenuItemConstructorOptions = { label: 'Postal Counter', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }] };
    return [app, edit, view, window];
  }
  return [{ label: 'File', submenu: [{ role: 'quit' }] }, edit, view, window];
}
