import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productionMenuTemplate } from '../../electron/main/app-menu';
import { allowedHostsIn, EXTERNAL_SITES_FILE, mayOpenExternally, readAllowedHosts } from '../../electron/main/external-links';
import { counterWebPreferences } from '../../electron/main/window-preferences';
import { makeTempDir } from '../support/temp-dir';

/** Electron's menu item type, without importing electron (only the shell may). */
type MenuItemConstructorOptions = ReturnType<typeof productionMenuTemplate>[number];

// The desktop shell's decisions, taken by plain functions electron/main wires in:
// which links leave for the system browser, the packaged menu, the window settings.

describe('desktop shell: links to the system browser', () => {
  const tracking = ['suivi.laposte.dj'];

  it('opens an https link to the configured tracking site', () => {
    expect(mayOpenExternally('https://suivi.laposte.dj/?s10=RR123456785DJ', tracking)).toBe(true);
    expect(mayOpenExternally('https://SUIVI.laposte.dj./colis', tracking)).toBe(true);
  });

  it.each([
    ['another https site', 'https://evil.example/?s10=RR123456785DJ'],
    ['a look-alike subdomain', 'https://suivi.laposte.dj.evil.example/'],
    ['a subdomain of the site', 'https://x.suivi.laposte.dj/'],
    ['a user name that hides the real host', 'https://suivi.laposte.dj@evil.example/'],
    ['a user name before the real host', 'https://evil@suivi.laposte.dj/'],
    ['plain http', 'http://suivi.laposte.dj/'],
    ['another port', 'https://suivi.laposte.dj:8443/'],
    ['a file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['not a URL', 'suivi.laposte.dj'],
  ])('refuses %s', (_name, url) => {
    expect(mayOpenExternally(url, tracking)).toBe(false);
  });

  it('opens nothing when no site is configured', () => {
    expect(mayOpenExternally('https://suivi.laposte.dj/', [])).toBe(false);
  });

  it('reads the configured sites from the data folder; a missing or malformed file allows nothing', () => {
    const temp = makeTempDir();
    try {
      expect(readAllowedHosts(temp.dir)).toEqual([]);
      writeFileSync(join(temp.dir, EXTERNAL_SITES_FILE), '{"hosts": ["Suivi.LaPoste.dj", 42, ""]}');
      expect(readAllowedHosts(temp.dir)).toEqual(['suivi.laposte.dj']);
      writeFileSync(join(temp.dir, EXTERNAL_SITES_FILE), '{"hosts": ');
      expect(readAllowedHosts(temp.dir)).toEqual([]);
    } finally {
      temp.remove();
    }
    expect(allowedHostsIn('{"hosts": "suivi.laposte.dj"}')).toEqual([]);
    expect(allowedHostsIn('null')).toEqual([]);
  });
});

describe('desktop shell: packaged menu and window', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role.toLowerCase()] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);

  it.each(['win32', 'linux', 'darwin'] as const)('the %s menu has no DevTools, no reload and no default submenu that brings them', (platform) => {
    const template = productionMenuTemplate(platform);
    const used = roles(template);
    for (const banned of ['toggledevtools', 'reload', 'forcereload', 'viewmenu', 'windowmenu', 'appmenu', 'filemenu', 'editmenu']) {
      expect(used).not.toContain(banned);
    }
    expect(used).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']));
    // Every entry is a role Electron implements: no click handler that could do anything else.
    const clicks = (items: MenuItemConstructorOptions[]): number =>
      items.reduce((n, item) => n + (item.click ? 1 : 0) + (Array.isArray(item.submenu) ? clicks(item.submenu) : 0), 0);
    expect(clicks(template)).toBe(0);
  });

  it('a packaged window has no DevTools; a developer build keeps them; both stay sandboxed', () => {
    const packaged = counterWebPreferences('/app/preload.cjs', true);
    expect(packaged).toMatchObject({ devTools: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(counterWebPreferences('/app/preload.cjs', false)).toMatchObject({ devTools: true, sandbox: true, contextIsolation: true });
  });
});
