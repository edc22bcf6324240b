import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf, answer } from '../till/answer';
import type { TillContext } from '../till/till-context';
import { closeDay, dayClosePreview, listDayCloses, withHeadOffice } from './day-close';

/** The branch day close (`day.compareNow` is answered by replication, which does the comparing). */
export function dayCloseHandlers(ctx: TillContext): Pick<Handlers, 'day.preview' | 'day.close' | 'day.closes'> {
  return {
    'day.preview': () => dayClosePreview(ctx),
    'day.close': (input, context) => withHeadOffice(ctx, [answer(closeDay(ctx, actorOf(signedIn(context)), input))])[0]!,
    'day.closes': ({ limit }) => listDayCloses(ctx, limit),
  };
}
