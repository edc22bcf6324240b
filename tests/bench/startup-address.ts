import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { nowMs, summarize } from './stats';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * CPU milliseconds (user + system) spent so far by the live processes of a process group
 * (Linux /proc, clock ticks of 10 ms): what a start costs, whatever else the machine runs.
 */
function groupCpuMs(group: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14)
      if (Number(fields[2]) !== group) continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process ended while being read.
    }
  }
  return ticks * 10;
}

/** CPU milliseconds of this process's children that have ended and been waited for (cutime + cstime). */
function waitedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface StartTimes {
  wallMs: number;
  cpuMs: number;
}

/** `npm start` in a process group of its own, until it prints its address; then the group is stopped. */
function timeToAddress(dataDir: string): Promise<StartTimes> {
  // No display: the browser host, as on this machine and on a counter PC without Electron.
  const env = { ...process.env, COUNTER_DATA_DIR: dataDir, COUNTER_PORT: '0', DISPLAY: '', WAYLAND_DISPLAY: '' };
  const started = nowMs();
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<StartTimes>((done, fail) => {
    let seen = '';
    let errors = '';
    let printed: StartTimes | null = null;
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (!/Counter ready: open http/.test(seen)) return;
      if (printed !== null) return;
      printed = { wallMs: nowMs() - started, cpuMs: groupCpuMs(child.pid!) };
      process.kill(-child.pid!, 'SIGTERM');
    });
    child.once('exit', (code) => (printed !== null ? done(printed) : fail(new Error(`npm start ended (${code}) before printing its address: ${seen}${errors}`.slice(-2000)))));
  });
}

/**
 * Time from `npm start` to the printed address when the build is current (the bundle is
 * reused), beside what every start used to add: one full `electron-vite build`.
 */
export async function benchStartupAddress(runs = 3): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-startup-address-');
  try {
    const build = spawnSync(process.execPath, ['scripts/build-when-changed.mjs'], { cwd: root, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('the build failed');
    await timeToAddress(temp.dir); // the first start seeds the demo branch (scrypt per user): not what a start costs
    const current: StartTimes[] = [];
    for (let i = 0; i < runs; i++) current.push(await timeToAddress(temp.dir));
    const cpuBefore = waitedChildrenCpuMs();
    const rebuildStarted = nowMs();
    const rebuild = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
    const rebuildMs = Math.round(nowMs() - rebuildStarted);
    const rebuildCpuMs = waitedChildrenCpuMs() - cpuBefore;
    if (rebuild.status !== 0) throw new Error(`electron-vite build failed: ${rebuild.stderr.slice(-2000)}`);
    return {
      npmStartToAddressWhenCurrentMs: summarize(current.map((t) => t.wallMs)),
      // CPU of npm, start.mjs and the host until the address: the start's own cost on a busy machine.
      npmStartCpuToAddressWhenCurrentMs: summarize(current.map((t) => t.cpuMs)),
      baselineFullBuildEveryStartMs: rebuildMs,
      baselineFullBuildEveryStartCpuMs: rebuildCpuMs,
      buildWarningLines: `${rebuild.stdout}${rebuild.stderr}`.split('\n').filter((l) => l.trim()).length,
    };
  } finally {
    temp.remove();
  }
}
