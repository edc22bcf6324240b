import {
  CallRequest,
  ContractError,
  isMethodName,
  methods,
  plainCallRequest,
  textRefusalOf,
  type CallResponse,
  type ContractErrorBody,
  type MethodName,
} from '@shared/contract';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { SecretCallEnvelope } from '../auth/credential-throttle';
import type { SessionStore } from '../auth/sessions';
import { storageErrorOf } from '../db/storage-error';
import type { CallContext, Handler, Handlers } from './handlers';

export interface RouterOptions {
  handlers: Handlers;
  sessions: SessionStore;
  /** True while the database is refused: only status and diagnostics answer. */
  isRefused: () => boolean;
  /** The answer to every other call meanwhile (default DATABASE_REFUSED); says missing or read-only when it is. */
  refusedWith?: () => ContractErrorBody;
  logger: Logger;
  /**
   * Admits a call that presents a secret (a sign-in, an unlock, supervisor
   * credentials) or throws TOO_MANY_ATTEMPTS; returns the slot's release.
   */
  admitSecretCall?: (call: SecretCallEnvelope) => () => void;
}

/** `window`: the window link the call came through (absent for in-process callers). */
export type Route = (raw: unknown, window?: string) => Promise<CallResponse>;

const failure = (id: string, body: ContractErrorBody): CallResponse => ({ id, ok: false, error: body });

/**
 * Each issue names its field (`lines.0.reference`) and why, as a code the window translates: a
 * refusal of the text rule gives its own (`text-control-character`…), a bound gives `too_big` or
 * `too_small` with the `limit` and what it bounds (`origin`: string, number, array).
 */
const issuesOf = (error: z.ZodError) => ({
  issues: error.issues.map((issue) => {
    const code = textRefusalOf(issue) ?? issue.code;
    const path = issue.path.join('.');
    if ((issue.code === 'too_big' || issue.code === 'too_small') && typeof (issue.code === 'too_big' ? issue.maximum : issue.minimum) === 'number') {
      const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      return { path, message: issue.message, code, limit, origin: issue.origin };
    }
    return { path, message: issue.message, code };
  }),
});

/**
 * The one gate every call passes, whatever the transport: envelope, method,
 * database health, session, lock, role, input, then the bound on secret checks
 * at once — in that order, each with its own error code — then the handler,
 * whose output is checked too.
 */
export function createRouter(options: RouterOptions): Route {
  const { handlers, sessions, isRefused, logger, admitSecretCall } = options;

  return async (raw, window) => {
    let request = plainCallRequest(raw);
    if (!request) {
      const envelope = CallRequest.safeParse(raw);
      if (!envelope.success) {
        return failure(requestIdOf(raw), { code: 'INVALID_INPUT', message: 'malformed call envelope', details: issuesOf(envelope.error) });
      }
      request = envelope.data;
    }
    if (!isMethodName(request.method)) {
      return failure(request.id, { code: 'UNKNOWN_METHOD', message: `unknown method ${request.method}` });
    }
    const name: MethodName = request.method;
    const spec = methods[name];
    if (isRefused() && !spec.allowWhenRefused) {
      return failure(request.id, options.refusedWith?.() ?? { code: 'DATABASE_REFUSED', message: 'the branch database failed its check: trading is refused' });
    }
    // Who is calling comes before what they sent: a caller without a session, a locked one or
    // the wrong role learns nothing about the shape of a method's input.
    const session = sessions.resolve(request.session);
    if (spec.access !== 'public') {
      if (!session) return failure(request.id, { code: 'NO_SESSION', message: `${name} needs a signed-in user` });
      if (session.locked && !spec.allowWhileLocked) {
        return failure(request.id, { code: 'SESSION_LOCKED', message: 'session locked: unlock to continue' });
      }
      if (!spec.access.includes(session.user.role)) {
        return failure(request.id, {
          code: 'FORBIDDEN_ROLE',
          message: `${name} is not allowed for role ${session.user.role}`,
          details: { allowed: [...spec.access] },
        });
      }
    }
    const input = spec.input.safeParse(request.input ?? {});
    if (!input.success) {
      return failure(request.id, { code: 'INVALID_INPUT', message: `invalid input for ${name}`, details: issuesOf(input.error) });
    }
    if (session && spec.access !== 'public' && !session.locked) sessions.touch(session);

    const context: CallContext = { requestId: request.id, session, approval: request.approval };
    let release = () => {};
    try {
      if (admitSecretCall) release = admitSecretCall({ method: name, input: input.data, session, approval: request.approval, window: window ?? null });
      const handler = handlers[name] as Handler<typeof name>;
      const result = await handler(input.data as never, context);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        logger.error({ method: name, issues: issuesOf(checked.error) }, 'handler returned output outside the contract');
        return failure(request.id, { code: 'INTERNAL', message: 'internal error: output outside the contract' });
      }
      return { id: request.id, ok: true, result: checked.data };
    } catch (error) {
      if (error instanceof ContractError) return failure(request.id, error.toBody());
      const storage = storageErrorOf(error);
      if (storage) {
        logger.error({ method: name, err: error }, 'storage refused the write');
        return failure(request.id, storage.toBody());
      }
      logger.error({ method: name, err: error }, 'handler failed');
      return failure(request.id, { code: 'INTERNAL', message: 'internal error' });
    } finally {
      release();
    }
  };
}

function requestIdOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : 'unknown';
}
