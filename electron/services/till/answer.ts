import type { SignedInContext } from '../router/handlers';
import type { Actor } from './till-context';

/** The signed-in user as the till services name them. */
export const actorOf = (context: SignedInContext): Actor => ({ username: context.session.user.username, role: context.session.user.role });

/** Marks the answer: `replayed` tells the window this id was already booked and nothing moved again. */
export const answer = <R extends object>(outcome: { result: R; replayed: boolean }): R & { replayed: boolean } => ({ ...outcome.result, replayed: outcome.replayed });
