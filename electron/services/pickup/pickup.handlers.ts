import { ContractError } from '@shared/contract';
import { localIsoTime, businessDate } from '../ledger/local-time';
import type { MailContext } from '../mail/mail-context';
import type { Handlers, SignedInContext } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { Actor } from '../till/till-context';
import { recordTrackingEvent } from '../tracking/tracking-events';
import { handOver } from './hand-over';
import { parcelView } from './parcel-view';
import { findParcel, listParcels, markParcelReturned, readParcel } from './pickup-parcels.repository';

type PickupMethod = 'pickup.list' | 'pickup.find' | 'pickup.handOver' | 'pickup.markReturned';

const actorOf = (context: SignedInContext): Actor => ({ username: context.session.user.username, role: context.session.user.role });

export function pickupHandlers(ctx: MailContext): Pick<Handlers, PickupMethod> {
  const sqlite = ctx.till.sqlite;
  const today = () => businessDate(ctx.till.clock.now());
  const view = (row: Parameters<typeof parcelView>[0]) => parcelView(row, today(), ctx.reference.pickupReturnDays());
  const refresh = () => ctx.reference.syncPickupParcels(ctx.till.clock.now());
  return {
    'pickup.list': ({ status }) => {
      refresh();
      const rows = listParcels(sqlite, status === 'delivered' ? 'delivered' : 'waiting').map(view);
      return status === 'due-for-return' ? rows.filter((p) => p.dueForReturn) : rows;
    },
    'pickup.find': ({ code }) => {
      refresh();
      return view(findParcel(sqlite, code));
    },
    'pickup.handOver': (input, context) => {
      // The receipt job was booked with the hand-over; a replay prints nothing again.
      const outcome = handOver(ctx, actorOf(signedIn(context)), input);
      return { ...outcome.result, replayed: outcome.replayed };
    },
    'pickup.markReturned': ({ parcelId }, context) => {
      const actor = actorOf(signedIn(context));
      const parcel = readParcel(sqlite, parcelId);
      if (parcel.status !== 'waiting') throw new ContractError('CONFLICT', `parcel ${parcel.barcode} was already ${parcel.status}`, { rule: `already-${parcel.status}` });
      if (!view(parcel).dueForReturn) throw new ContractError('RULE_BROKEN', 'this parcel is still within its pickup period', { rule: 'not-due-for-return' });
      const at = localIsoTime(ctx.till.clock.now());
      sqlite.transaction(() => {
        if (!markParcelReturned(sqlite, parcel.id, at)) throw new ContractError('CONFLICT', `parcel ${parcel.barcode} was handed over meanwhile`, { rule: 'already-delivered' });
        recordTrackingEvent(sqlite, { id: `return/${parcel.id}`, s10: parcel.barcode, code: 'EME', at, office: ctx.reference.profile().code, operator: actor.username, operation_id: null, source: 'counter', note: null });
        ctx.till.audit.record({ actor: actor.username, action: 'pickup.return', subject: parcel.id, outcome: 'ok' });
      })();
      return view(readParcel(sqlite, parcel.id));
    },
  };
}
