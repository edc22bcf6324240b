import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser-host';
import { makeTempDir } from '../support/temp-dir';

/**
 * `npm run ledger -- verify --db PATH` on a file it cannot read as a ledger: one line
 * saying why, no stack trace, and exit 2, as its usage says (1 is kept for a ledger
 * that was read and failed a check, 0 for one that passed).
 */
const temp = makeTempDir('ledger-cli-');
afterAll(() => temp.remove());

/**
 * Root reads any file whatever its mode, so as root the unreadable case runs the CLI without the
 * capabilities that bypass file permissions (util-linux `setpriv`). Running it as another user
 * failed whenever the checkout itself was private to root (a `mktemp -d` clone).
 */
const asRoot = process.getuid?.() === 0;
const WITHOUT_DAC = ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'];

const verifyCli = (file: string, withoutPermissionBypass = false) => {
  const args = ['--import', 'tsx', join(ROOT, 'electron/services/cli/ledger.ts'), 'verify', '--db', file];
  return withoutPermissionBypass
    ? spawnSync('setpriv', [...WITHOUT_DAC, process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
};

const file = (name: string, content: Buffer | string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
};

describe('ledger verify on a file that is not a readable ledger', () => {
  it.each([
    ['a file that does not exist', () => join(temp.dir, 'absent.sqlite'), /no such file/],
    ['an empty file', () => file('empty.sqlite', ''), /not a branch ledger/],
    ['random bytes', () => file('garbage.sqlite', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251))), /file is not a database/],
    ['text', () => file('notes.sqlite', 'SQLite format 3? no, a shopping list\n'.repeat(200)), /file is not a database/],
    [
      'another program’s SQLite database',
      () => {
        const path = join(temp.dir, 'other.sqlite');
        const other = new Database(path);
        other.exec('CREATE TABLE contacts (name TEXT)');
        other.close();
        return path;
      },
      /not a branch ledger/,
    ],
    [
      'a folder',
      () => {
        const path = join(temp.dir, 'folder.sqlite');
        mkdirSync(path);
        return path;
      },
      /cannot open/,
    ],
  ])('%s: one line, exit 2', (_name, make, why) => {
    const result = verifyCli(make());
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ledger verify: /);
    expect(lines[0]).toMatch(why);
  });

  it('a file without read permission: one line, exit 2', () => {
    const path = file('locked.sqlite', '');
    chmodSync(path, 0o000);
    const result = verifyCli(path, asRoot);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^ledger verify: cannot (open|read) .*locked\.sqlite/)]);
  });
});
