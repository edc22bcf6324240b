/**
 * Only the app's own main frame may call the router over IPC: not an iframe,
 * not a page that somehow navigated elsewhere. Kept free of `electron` imports
 * so its test runs under plain Node (tests/unit/ipc-sender-guard.test.ts) —
 * GitHub Desktop once shipped this check inverted.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // URL.origin is "null" for custom schemes, so compare scheme and host.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}
