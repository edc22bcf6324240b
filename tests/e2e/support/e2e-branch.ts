import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CounterConfig } from '../../../electron/services/counter';
import { startBrowserHost, type RunningBrowserHost } from '../../support/browser-host';
import { launchChromium } from '../../support/chromium';
import { makeTempDir } from '../../support/temp-dir';

export interface E2eBranch {
  running: RunningBrowserHost;
  browser: Browser;
  dataDir: string;
}

/** One demo branch on the real browser host and one Chromium for the whole file. */
export function useE2eBranch(prefix: string, config: Partial<Omit<CounterConfig, 'dataDir' | 'onProfileChanged'>> = {}): E2eBranch {
  const data = makeTempDir(prefix);
  const branch = { dataDir: data.dir } as E2eBranch;
  beforeAll(async () => {
    branch.running = await startBrowserHost({ ...config, dataDir: data.dir });
    branch.browser = await launchChromium();
  });
  afterAll(async () => {
    await branch.browser?.close();
    await branch.running?.stop();
    data.remove();
  });
  return branch;
}
