import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which links a counter window may hand to the system browser. A window never opens
 * anything inside the app; a link goes out only to a site the post configured — its
 * parcel-tracking site — so a crafted note or a compromised page cannot send the clerk
 * to a look-alike site or start a download. Free of `electron` imports so its test runs
 * under plain Node (tests/unit/external-links.test.ts).
 */

/** `<data>/external-sites.json`, set by the technician at install: `{ "hosts": ["suivi.laposte.dj"] }`. */
export const EXTERNAL_SITES_FILE = 'external-sites.json';

const normalHost = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');

/** The allowed hosts in a settings text; anything malformed allows nothing. */
export function allowedHostsIn(text: string | null): string[] {
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const hosts = (parsed as { hosts?: unknown } | null)?.hosts;
  if (!Array.isArray(hosts)) return [];
  return hosts.filter((host): host is string => typeof host === 'string' && host.trim() !== '').map(normalHost);
}

/** Read at each request, so a technician's change needs no restart; a missing file allows nothing. */
export function readAllowedHosts(dataDir: string): string[] {
  try {
    return allowedHostsIn(readFileSync(join(dataDir, EXTERNAL_SITES_FILE), 'utf8'));
  } catch {
    return [];
  }
}

/**
 * True only for an https link to an allowed host exactly (no subdomain, no other port,
 * no user name in the address, which could make `https://suivi.laposte.dj@evil.example`
 * look like the post's site).
 */
export function mayOpenExternally(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return allowedHosts.map(normalHost).includes(normalHost(parsed.hostname));
}
