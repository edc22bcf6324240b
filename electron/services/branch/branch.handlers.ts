import { ContractError } from '@shared/contract';
import type { Clock } from '../clock';
import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { AuditLog } from '../audit/audit-log';
import type { SecretHasher } from '../auth/secret-hash';
import { createRealBranch } from './first-run-setup';
import type { BranchProfile } from '@shared/contract';

export interface BranchHandlerDeps {
  dataDir: string;
  clock: Clock;
  audit: AuditLog;
  /** Hashes the new branch's first PINs at the counter's cost. */
  hasher: SecretHasher;
  branch: () => BranchProfile | null;
  /** Called after the active database changed: the host reopens the counter on it. */
  onProfileChanged: () => void;
}

export function branchHandlers(deps: BranchHandlerDeps): Pick<Handlers, 'branch.setup'> {
  return {
    'branch.setup': async (setup, context) => {
      const technician = signedIn(context).session.user.username;
      if (!deps.branch()?.demo) {
        throw new ContractError('RULE_BROKEN', 'first-run setup only replaces the demo branch');
      }
      await createRealBranch(deps.dataDir, setup, technician, deps.clock, deps.hasher);
      deps.audit.record({ actor: technician, action: 'branch.setup', subject: setup.code, outcome: 'ok', details: { replaces: 'demo' } });
      // The host reopens on the new database before answering; every session ends.
      deps.onProfileChanged();
      return { ok: true };
    },
  };
}
