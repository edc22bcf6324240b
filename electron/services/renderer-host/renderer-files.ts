import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  isIndex: boolean;
}

/**
 * Reads a file of the built renderer. Paths cannot climb out of the folder;
 * a missing asset is null (404); any other path gets index.html so the app
 * handles its own routes.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
  if (!inside) return null;
  if (relative !== '' && extname(relative) !== '') {
    try {
      return { body: await readFile(candidate), type: TYPES[extname(candidate)] ?? 'application/octet-stream', isIndex: false };
    } catch {
      return null;
    }
  }
  return { body: await readFile(join(root, 'index.html')), type: TYPES['.html']!, isIndex: true };
}
