// A virtual serial cable: socat joins two pseudo-terminals, one for the counter's device driver,
// one for a simulator. Killing socat is how tests and technicians "unplug" the device.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface PtyPair {
  /** The end the counter opens, as if it were /dev/ttyUSB0. */
  readonly devicePath: string;
  /** The end the simulator opens. */
  readonly simulatorPath: string;
  /** Pulls the cable out: socat dies, both links vanish. */
  unplug(): Promise<void>;
  /** Plugs it back in on the same link names (new ptys underneath, as after a real replug). */
  replug(): Promise<void>;
  readonly plugged: boolean;
}

const waitFor = async (check: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export const createPtyPair = async (devicePath: string, simulatorPath: string): Promise<PtyPair> => {
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    const proc = spawn(
      'socat',
      [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`],
      { stdio: 'ignore' },
    );
    child = proc;
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (error) => reject(new Error(`socat could not start (${error.message}); install it with apt`)));
    });
    await Promise.race([waitFor(() => existsSync(devicePath) && existsSync(simulatorPath), 5000, 'socat links'), failed]);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(devicePath) && !existsSync(simulatorPath), 2000, 'socat links to vanish');
  };

  await start();
  return {
    devicePath,
    simulatorPath,
    get plugged() {
      return child !== null;
    },
    unplug: stop,
    replug: start,
  };
};
