import { events, type EventAudience, type EventName } from '@shared/contract';
import type { Session } from './auth/sessions';

/** Whether a window whose session is `session` (null: signed out) may hear an event meant for `audience`. */
export const audienceIncludes = (audience: EventAudience, session: Session | null): boolean => {
  if (audience === 'everyone') return true;
  if (!session || session.locked) return false;
  return audience === 'signed-in' || audience.includes(session.user.role);
};

/** The audience the contract gives an event; null for a name it does not know, which nobody hears. */
export const audienceOf = (event: string): EventAudience | null =>
  Object.hasOwn(events, event) ? events[event as EventName].audience : null;
