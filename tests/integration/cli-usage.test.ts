// Every command-line tool, run as a newcomer would (a child process through tsx): `--help` gives
// the usage on stdout and exit 0; a bad option gives the usage on stderr and exit 2, never a
// stack trace. HEADOFFICE_URL is removed from the environment: help must not need a database.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI_DIR = join(import.meta.dirname, '..', '..', 'electron', 'services', 'cli');
const TOOLS = [
  { file: 'simulate.ts', usage: 'npm run simulate --' },
  { file: 'headoffice.ts', usage: 'npm run headoffice --' },
  { file: 'ledger.ts', usage: 'npm run ledger --' },
];

const run = (file: string, args: string[]) => {
  const env = { ...process.env };
  delete env.HEADOFFICE_URL;
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(CLI_DIR, file), ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

describe.each(TOOLS)('$file', ({ file, usage }) => {
  it('answers --help with its usage on stdout and exit 0', () => {
    const result = run(file, ['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain(usage);
    expect(result.err).toBe('');
  });

  it('answers -h like --help', () => {
    const result = run(file, ['-h']);
    expect(result.code).toBe(0);
    expect(result.out).toContain(usage);
  });

  it('refuses an unknown option with the usage on stderr and exit 2, no stack trace', () => {
    const result = run(file, ['--no-such-option']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--no-such-option');
    expect(result.err).toContain(usage);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.out).toBe('');
  });

  it('refuses a string option given without its value with exit 2', () => {
    const option = file === 'simulate.ts' ? '--link' : file === 'ledger.ts' ? '--db' : '--url';
    const result = run(file, [file === 'simulate.ts' ? 'scale' : file === 'ledger.ts' ? 'verify' : 'state', option]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(usage);
  });
});

describe('option values', () => {
  it('simulate refuses an unknown scale protocol before opening anything', () => {
    const result = run('simulate.ts', ['scale', '--protocol', 'morse']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown --protocol morse');
  });

  it('simulate with no device says which ones there are', () => {
    const result = run('simulate.ts', []);
    expect(result.code).toBe(2);
    expect(result.err).toContain('scale, scanner, printer or passbook');
  });

  it('headoffice asks for HEADOFFICE_URL only for a real command', () => {
    const result = run('headoffice.ts', ['state', '--branch', 'DJ001']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('HEADOFFICE_URL');
  });
});
