// `npm ci` installs exactly what package-lock.json records. A lock written on one machine once
// left out the other platforms' optional packages, so `npm ci` failed on a clean clone and a
// Windows branch PC could not install at all. These checks read the committed lock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const root = join(import.meta.dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as LockEntry;
const packages = lock.packages;

/** Where node would find `name` from the package at `from`: its own node_modules, then upwards. */
const resolveFrom = (from: string, name: string): LockEntry | undefined => {
  let base = from;
  for (;;) {
    const found = packages[`${base ? `${base}/` : ''}node_modules/${name}`];
    if (found) return found;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
};

describe('package-lock.json', () => {
  it.each([
    '@napi-rs/canvas-win32-x64-msvc',
    '@napi-rs/canvas-linux-x64-gnu',
    '@napi-rs/canvas-darwin-arm64',
    '@rollup/rollup-win32-x64-msvc',
    '@rollup/rollup-linux-x64-gnu',
    '@rollup/rollup-darwin-arm64',
    '@esbuild/win32-x64',
  ])('records the platform package %s', (name) => {
    expect(packages[`node_modules/${name}`]?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('records every optional dependency of every locked package (no platform left out)', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) if (!resolveFrom(path, name)) missing.push(`${path || '(root)'} → ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('locks each direct dependency at exactly the version package.json pins', () => {
    const pinned = { ...manifest.dependencies, ...manifest.devDependencies };
    const locked = Object.fromEntries(Object.keys(pinned).map((name) => [name, packages[`node_modules/${name}`]?.version]));
    expect(locked).toEqual(pinned);
  });
});
