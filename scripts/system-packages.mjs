// The suite needs real programs: Debian's Chromium for end-to-end tests, socat
// for serial pty pairs, the sqlite3 CLI for tamper tests. Installed with apt
// when we are root; otherwise we stop with the exact command — never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';

const NEEDED = [
  { program: 'chromium', aptPackage: 'chromium' },
  { program: 'socat', aptPackage: 'socat' },
  { program: 'sqlite3', aptPackage: 'sqlite3' },
];

const has = (program) => spawnSync('which', [program], { stdio: 'ignore' }).status === 0;

export function ensureSystemPackages() {
  const missing = NEEDED.filter(({ program }) => !has(program));
  if (missing.length === 0) return;
  const packages = missing.map((m) => m.aptPackage);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`Missing programs for the test suite: ${missing.map((m) => m.program).join(', ')}.`);
    console.error(`Install them with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}
