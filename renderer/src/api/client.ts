import type {
  ApprovalCredentials,
  CallRequest,
  EventName,
  EventPayload,
  Input,
  MethodName,
  Output,
} from '@shared/contract';
import { takeHostToken } from './browser-token';
import { CallFailure, type FailureCode } from './call-failure';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { websocketTransport } from './websocket-transport';

export interface CallOptions {
  /** A supervisor's credentials keyed in at this window for this one call. */
  approval?: ApprovalCredentials;
}

type FailureListener = (failure: CallFailure, method: MethodName) => void;

/** Desktop when the preload bridge exists, otherwise the browser host's socket. */
function pickTransport(): Transport {
  if (window.counter) return ipcTransport(window.counter);
  const token = takeHostToken();
  if (!token) throw new Error('no host token: open the address the counter host printed');
  return websocketTransport(token);
}

let transport: Transport | null = null;
const connection = (): Transport => (transport ??= pickTransport());

/** Picks the transport now; false when this page cannot reach any host (browser page without its token). */
export function openConnection(): boolean {
  try {
    connection();
    return true;
  } catch {
    return false;
  }
}

let sessionToken: string | undefined;
const failureListeners = new Set<FailureListener>();

/** The signed-in session travels in every envelope; `undefined` after sign-out. */
export function setSessionToken(token: string | undefined): void {
  sessionToken = token;
}

/** Calls one contract method; resolves with its typed output or throws a CallFailure. */
export async function call<M extends MethodName>(method: M, input: Input<M>, options: CallOptions = {}): Promise<Output<M>> {
  const request: CallRequest = { id: crypto.randomUUID(), method, input, session: sessionToken };
  if (options.approval) request.approval = options.approval;
  let failure: CallFailure;
  try {
    const response = await connection().send(request);
    if (response.ok) return response.result as Output<M>;
    failure = new CallFailure(response.error.code, response.error.message, response.error.details);
  } catch (error) {
    failure = error instanceof CallFailure ? error : new CallFailure('HOST_UNREACHABLE', String(error));
  }
  failureListeners.forEach((listener) => listener(failure, method));
  throw failure;
}

/** Every failed call, so the session can react to SESSION_LOCKED / NO_SESSION wherever it happens. */
export function onCallFailure(listener: FailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Subscribes to one typed event channel; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return connection().listen((message) => {
    if (message.event === event) listener(message.payload as EventPayload<E>);
  });
}

export type { FailureCode };
