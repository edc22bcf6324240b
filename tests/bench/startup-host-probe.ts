// Run in a process of its own by startup-host.ts: the counter's host as `npm start`
// runs it (createCounter), watched from inside — resident memory, the event loop's
// largest stall (perf_hooks.monitorEventLoopDelay) and how long `system.status` takes
// to answer — from start until head office is online (plus a settling window).
// argv: <dataDir> <demo|none> <watchMs: how long to go on after head office is online>. Prints one JSON line.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCounter } from '../../electron/services/counter';
import { childProcessesOf } from '../support/child-processes';
import { nowMs, summarize } from './stats';

const [dataDir, mode, windowArg] = process.argv.slice(2);
const settleMs = Number(windowArg ?? 5000);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

const residentMb = (pid: number | 'self') => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Math.round(Number(line[1]) / 1024) : NaN;
};

const started = nowMs();
const counter = await createCounter({ dataDir: dataDir!, headOffice: mode === 'demo' ? undefined : { mode: 'none' }, replicationStartDelayMs: 0 });
const startedMs = nowMs() - started;
// createCounter's own synchronous work (migrations, the demo seed's scrypt) happens before
// the address is printed; what the clerk feels is the loop from then on.
const stallBeforeReadyMs = Math.round(delay.max / 1e6);
delay.reset();

let hostMaxMb = residentMb('self');
let demoMaxMb = 0;
const statusMs: number[] = [];
let onlineAfterMs: number | null = null;
let lastScan = 0;
// A status call every 50 ms, as the status bar's refresh and the clerk's clicks would come.
// When the loop was late the most (between two 50 ms ticks), relative to head office online.
let worstGap = { ms: 0, atMs: 0 };
let tick = nowMs();
while (nowMs() - started < 600_000) {
  const asked = nowMs();
  if (asked - tick - 50 > worstGap.ms) worstGap = { ms: Math.round(asked - tick - 50), atMs: Math.round(asked - started) };
  const answer = await counter.route({ id: randomUUID(), method: 'system.status', input: {} });
  statusMs.push(nowMs() - asked);
  if (!answer.ok) throw new Error(`system.status refused: ${answer.error.code}`);
  hostMaxMb = Math.max(hostMaxMb, residentMb('self'));
  // Reading all of /proc costs the loop tens of ms on a busy machine: once a second is enough.
  if (nowMs() - lastScan > 1000) {
    lastScan = nowMs();
    for (const child of childProcessesOf(process.pid, 'demo-head-office-process')) {
      demoMaxMb = Math.max(demoMaxMb, residentMb(child.pid) || 0);
    }
  }
  const online = mode !== 'demo' || counter.status().headOffice.state === 'online';
  if (online && onlineAfterMs === null) onlineAfterMs = Math.round(nowMs() - started);
  if (onlineAfterMs !== null && nowMs() - started > onlineAfterMs + settleMs) break;
  tick = nowMs();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
delay.disable();
await counter.close();
console.log(
  JSON.stringify({
    createCounterMs: Math.round(startedMs),
    headOfficeOnlineAfterMs: onlineAfterMs,
    hostRssMaxMb: hostMaxMb,
    demoHeadOfficeRssMaxMb: mode === 'demo' ? demoMaxMb : null,
    eventLoopStallBeforeReadyMs: stallBeforeReadyMs,
    eventLoopStallMaxMs: Math.round(delay.max / 1e6),
    eventLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e6),
    systemStatusMs: summarize(statusMs),
    worstLateTickMs: worstGap.ms,
    worstLateTickAtMs: worstGap.atMs,
  }),
);
process.exit(0);
