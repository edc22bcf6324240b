import type { ApprovalCredentials, MethodName, Output, ParsedInput } from '@shared/contract';
import type { Session } from '../auth/sessions';

/** What a handler knows about the call beyond its input. */
export interface CallContext {
  requestId: string;
  /** Null only for public methods called before sign-in. */
  session: Session | null;
  approval: ApprovalCredentials | undefined;
}

/** The signed-in context a role-restricted handler receives. */
export interface SignedInContext extends CallContext {
  session: Session;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  context: CallContext,
) => Output<M> | Promise<Output<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** For role-restricted methods: the router guarantees a session. */
export function signedIn(context: CallContext): SignedInContext {
  if (!context.session) throw new Error('router invariant: a role-restricted method ran without a session');
  return context as SignedInContext;
}
