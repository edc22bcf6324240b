import type { WebPreferences } from 'electron';

/**
 * A counter window's settings: isolated, sandboxed, no Node, no webviews — and no
 * DevTools in a packaged app, where they would let anyone at the counter drive the
 * router by hand. Plain data, so a Node test checks it without Electron.
 */
export function counterWebPreferences(preload: string, packaged: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !packaged,
  };
}
