// `npm test`: the whole suite, in the order that fails fastest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureSystemPackages } from './system-packages.mjs';

const step = (title, command, args) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
};

ensureSystemPackages();
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npx', ['eslint', '.']);
step('build (main, preload, renderer)', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']);

mkdirSync('test-results', { recursive: true });
console.log('\n▶ tests (unit, integration, devices, reliability, e2e)');
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], {
  stdio: 'inherit',
});
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  // The plain closing line CI reads, whatever the runner.
  console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  if (report.numTotalTests === 0) process.exit(1);
} catch {
  console.error('no test report was written');
  process.exit(1);
}
process.exit(run.status ?? 1);
