import type { BranchProfile } from '@shared/contract';
import type { CounterDevices } from '../devices/counter-devices';
import { localIsoTime } from '../ledger/local-time';
import type { Logger } from '../log/logger';
import type { TillContext } from '../till/till-context';
import type { MailContext } from './mail-context';
import { MailReference } from './mail-reference';

/** Placeholder until head office publishes the post's tracking page (`limit` item `tracking-url`). */
const PLACEHOLDER_TRACKING_URL = 'https://tracking.invalid/?s10=';

/** Built by the composition root: reference data is brought in from what the branch last received. */
export function createMailContext(deps: { till: TillContext; branch: () => BranchProfile | null; devices: CounterDevices | null; logger: Logger }): MailContext {
  const reference = new MailReference(deps.till.sqlite, deps.branch);
  if (deps.branch()) {
    const now = deps.till.clock.now();
    const at = localIsoTime(now);
    reference.syncS10Ranges(at);
    reference.seedStock(at);
    reference.syncPickupParcels(now);
  }
  return {
    till: deps.till,
    reference,
    devices: deps.devices,
    logger: deps.logger,
    trackingUrl: (s10s) => `${reference.trackingUrlPrefix() ?? PLACEHOLDER_TRACKING_URL}${s10s.join(',')}`,
  };
}
