import { protocol } from 'electron';
import { contentSecurityPolicy } from '../services/renderer-host/content-security-policy';
import { readStaticFile } from '../services/renderer-host/renderer-files';
import { APP_HOST, APP_SCHEME } from './sender-guard';

/** Must run before `app.ready`: the scheme behaves like https (secure, standard). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `app://counter/` instead of file://, with the CSP header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.type, 'content-security-policy': contentSecurityPolicy(), 'x-content-type-options': 'nosniff' },
    });
  });
}
