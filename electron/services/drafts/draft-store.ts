import type { DraftScreen, DraftView } from '@shared/contract';
import type { Clock } from '../clock';
import type { Session } from '../auth/sessions';

/**
 * Unfinished baskets, per session and screen, held by the host so a reload or a lock does not
 * wipe a clerk's work. Keyed by the session object itself: when the session ends (sign-out,
 * restart) its drafts go with it, and no other user ever sees them.
 */
export class DraftStore {
  private readonly drafts = new WeakMap<Session, Map<DraftScreen, { content: string; savedAt: string }>>();

  constructor(private readonly clock: Clock) {}

  get(session: Session, screen: DraftScreen): DraftView {
    const draft = this.drafts.get(session)?.get(screen);
    return draft ?? { content: null, savedAt: null };
  }

  save(session: Session, screen: DraftScreen, content: string): void {
    let screens = this.drafts.get(session);
    if (!screens) this.drafts.set(session, (screens = new Map()));
    screens.set(screen, { content, savedAt: this.clock.now().toISOString() });
  }

  clear(session: Session, screen: DraftScreen): void {
    this.drafts.get(session)?.delete(screen);
  }
}
