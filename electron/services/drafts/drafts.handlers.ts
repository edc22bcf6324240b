import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { DraftStore } from './draft-store';

type DraftHandlers = Pick<Handlers, 'drafts.get' | 'drafts.save' | 'drafts.clear'>;

export function draftsHandlers(drafts: DraftStore): DraftHandlers {
  return {
    'drafts.get': ({ screen }, context) => drafts.get(signedIn(context).session, screen),
    'drafts.save': ({ screen, content }, context) => {
      drafts.save(signedIn(context).session, screen, content);
      return { ok: true };
    },
    'drafts.clear': ({ screen }, context) => {
      drafts.clear(signedIn(context).session, screen);
      return { ok: true };
    },
  };
}
