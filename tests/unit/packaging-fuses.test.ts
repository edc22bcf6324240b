import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser-host';

/**
 * The packaged app's Electron fuses, as electron-builder (26, `electronFuses`, its
 * FuseOptionsV1 names) reads them from electron-builder.yml. No Electron binary or
 * electron-builder here, so the test reads the file: a fuse left out, misspelt or
 * flipped the wrong way fails here instead of shipping.
 */
const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');

/** The `key: true|false` lines of one top-level block; any other line in it is refused. */
function booleanBlock(name: string): Record<string, boolean> {
  const lines = yml.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `${name}: missing at the top level of electron-builder.yml`).toBeGreaterThanOrEqual(0);
  const block: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(' ')) break;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const entry = /^ {2}([A-Za-z]+): (true|false)\s*(#.*)?$/.exec(line);
    expect(entry, `not a fuse setting: ${line}`).not.toBeNull();
    expect(block, `${entry![1]} set twice`).not.toHaveProperty(entry![1]!);
    block[entry![1]!] = entry![2] === 'true';
  }
  return block;
}

describe('packaging: Electron fuses', () => {
  it('sets the fuses that keep a packaged counter from being driven another way', () => {
    expect(booleanBlock('electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('names only fuses electron-builder knows', () => {
    const known = [
      'runAsNode',
      'enableCookieEncryption',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'enableEmbeddedAsarIntegrityValidation',
      'onlyLoadAppFromAsar',
      'loadBrowserProcessSpecificV8Snapshot',
      'grantFileProtocolExtraPrivileges',
    ];
    for (const key of Object.keys(booleanBlock('electronFuses'))) expect(known).toContain(key);
  });

  it('packs the app into an asar with its integrity kept, which the two asar fuses rely on', () => {
    expect(yml).toMatch(/^asar: true$/m);
    expect(yml).not.toMatch(/disableIntegrity/);
  });
});
