import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methods } from '../../../shared/contract';
import { ROOT } from '../../support/browser-host';

// One namespace, one file: `shared/contract/methods/<ns>.ts` declares exactly the
// `<ns>.*` methods (kebab-case file for a camelCase namespace), so a reader finds
// a method by its name alone. Files without methods hold schemas shared across
// namespaces (common, money, head-office-link).

const folder = join(ROOT, 'shared/contract/methods');
const files = readdirSync(folder).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
const kebab = (ns: string) => ns.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (file: string) => file.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Each file's method maps (exports ending in `Methods`), by export name. */
async function mapsOf(file: string): Promise<Record<string, Record<string, unknown>>> {
  const module = (await import(join(folder, `${file}.ts`))) as Record<string, unknown>;
  const maps: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(module)) {
    if (name.endsWith('Methods') && typeof value === 'object' && value !== null) maps[name] = value as Record<string, unknown>;
  }
  return maps;
}

describe('contract method files', () => {
  it.each(files)('%s.ts declares only methods of its own namespace', async (file) => {
    const maps = await mapsOf(file);
    const names = Object.keys(maps);
    expect(names.every((n) => n === `${camel(file)}Methods`), `${file}.ts exports ${names.join(', ')}`).toBe(true);
    for (const method of Object.keys(maps[`${camel(file)}Methods`] ?? {})) {
      expect(method.startsWith(`${camel(file)}.`), `${method} declared in ${file}.ts`).toBe(true);
    }
  });

  it('every namespace has its file, and that file declares all its methods', async () => {
    const namespaces = [...new Set(Object.keys(methods).map((m) => m.split('.')[0]!))];
    expect(namespaces.length).toBeGreaterThan(10);
    for (const ns of namespaces) {
      expect(files, `no methods/${kebab(ns)}.ts for ${ns}.*`).toContain(kebab(ns));
      const declared = Object.keys((await mapsOf(kebab(ns)))[`${ns}Methods`] ?? {});
      const all = Object.keys(methods).filter((m) => m.startsWith(`${ns}.`));
      expect(declared.sort()).toEqual(all.sort());
    }
  });
});
