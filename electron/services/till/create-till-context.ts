import { ContractError, type BranchProfile } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { CounterDevices } from '../devices/counter-devices';
import type { JournalKey } from '../ledger/journal-key';
import { Ledger } from '../ledger/ledger';
import { SAMPLE_CASH_POLICY, tillConfig, type CashPolicy } from './cash-policy';
import { Catalog } from './catalog';
import type { HeadOfficeLinkSnapshot } from './day-close-state.view';
import type { TillContext } from './till-context';

/** Built by the composition root; the branch currency decides which cash policy applies. */
export function createTillContext(deps: {
  sqlite: Sqlite;
  clock: Clock;
  audit: AuditLog;
  /** Signs every operation and seals the balances (ledger/journal-key.ts). */
  journal: JournalKey;
  branch: () => BranchProfile | null;
  policy?: CashPolicy;
  catalog?: Catalog;
  headOfficeLink?: () => HeadOfficeLinkSnapshot | null;
  devices?: CounterDevices | null;
  onDayClosed?: () => void;
}): TillContext {
  const policy = deps.policy ?? SAMPLE_CASH_POLICY;
  // The branch profile only changes through first-run setup, which reopens the counter;
  // remembering the configuration saves a query on every sale.
  let profile: BranchProfile | null = null;
  let cached: { currency: string; config: ReturnType<typeof tillConfig> } | null = null;
  return {
    sqlite: deps.sqlite,
    clock: deps.clock,
    audit: deps.audit,
    ledger: new Ledger(deps.sqlite, deps.clock, deps.audit, deps.journal),
    catalog: deps.catalog ?? Catalog.sample(),
    headOfficeLink: deps.headOfficeLink,
    devices: deps.devices ?? null,
    branch: () => {
      profile ??= deps.branch();
      if (!profile) throw new ContractError('RULE_BROKEN', 'no branch profile yet', { rule: 'no-branch' });
      return profile;
    },
    onDayClosed: deps.onDayClosed,
    config: () => {
      if (!cached) {
        const branch = deps.branch();
        if (!branch) throw new ContractError('RULE_BROKEN', 'no branch profile yet', { rule: 'no-branch' });
        cached = { currency: branch.currency, config: tillConfig(policy, branch.currency) };
      }
      return cached.config;
    },
  };
}
