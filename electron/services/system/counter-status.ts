import type { BranchProfile, CounterStatus } from '@shared/contract';
import type { DatabaseRefusal } from '../db/open-database';

export interface StatusSources {
  version: string;
  idleLockSeconds: number;
  branch: () => BranchProfile | null;
  refusal: DatabaseRefusal | null;
  /** Till sessions not yet closed. */
  tillsOpen?: () => number;
  /** The replication job's view of the head-office link (absent: none configured). */
  headOffice?: () => CounterStatus['headOffice'] | undefined;
  /** Configured peripherals and whether each answers. */
  devices?: () => CounterStatus['devices'];
  /** Log target and last backup: shown even while refused (a full disk is often why). */
  storage?: () => NonNullable<CounterStatus['storage']>;
}

/** What the status bar shows. Later domains (tills, devices, replication) add their parts here. */
export function readCounterStatus(sources: StatusSources): CounterStatus {
  return {
    state: sources.refusal ? 'refused' : 'ready',
    refusal: sources.refusal,
    branch: sources.refusal ? null : sources.branch(),
    headOffice: (!sources.refusal && sources.headOffice?.()) || { mode: 'none', state: 'not-configured', unsynced: 0, lastSuccessAt: null, lastError: null },
    devices: sources.refusal ? [] : (sources.devices?.() ?? []),
    tillsOpen: sources.refusal ? 0 : (sources.tillsOpen?.() ?? 0),
    ...(sources.storage ? { storage: sources.storage() } : {}),
    idleLockSeconds: sources.idleLockSeconds,
    version: sources.version,
  };
}
