import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { Ledger } from '../ledger/ledger';
import { signedIn, type Handlers } from '../router/handlers';
import { acknowledgeCorrection, listCorrections } from './corrections';
import type { ReplicationService } from './replication-service';

type ReplicationHandlers = Pick<
  Handlers,
  | 'replication.status'
  | 'replication.syncNow'
  | 'replication.link'
  | 'replication.compareDayClose'
  | 'corrections.list'
  | 'corrections.acknowledge'
  | 'day.compareNow'
>;

export function replicationHandlers(service: ReplicationService, sqlite: Sqlite, ledger: Ledger, clock: Clock, publishStatus: () => void): ReplicationHandlers {
  return {
    'replication.status': () => service.status(),
    'replication.syncNow': async () => {
      const status = await service.syncNow();
      publishStatus();
      return status;
    },
    'replication.link': () => service.link(),
    'replication.compareDayClose': (input, context) => service.compareDayClose(input.businessDate, signedIn(context).session.user.username),
    'day.compareNow': (_input, context) => service.compareDayClosesNow(signedIn(context).session.user.username),
    'corrections.list': () => listCorrections(sqlite),
    'corrections.acknowledge': (input, context) => {
      const corrected = acknowledgeCorrection(sqlite, ledger, clock, input.id, signedIn(context).session.user.username);
      publishStatus();
      return corrected;
    },
  };
}
