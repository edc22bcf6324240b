/**
 * What a counterparty (head office, a wallet operator, a biller) must answer, whatever its wire.
 * Every call carries the operation id made once per user intent; the counterparty answers a repeat
 * with its first answer (a head-office function keyed by id, an operator's `X-CorrelationID`).
 */
export type CounterpartyAnswer =
  | { outcome: 'confirmed'; reference: string | null; detail?: unknown }
  | { outcome: 'refused'; reason: string; detail?: unknown }
  /** Accepted, not decided yet (an operator's 202, a hold awaiting approval): ask again later. */
  | { outcome: 'pending'; reference?: string | null }
  | { outcome: 'expired' }
  /** Only from `ask` and `cancel`: the counterparty has no trace of this id. */
  | { outcome: 'never-received' }
  /** Only from `cancel`: the counterparty dropped it before acting; nothing was done. */
  | { outcome: 'cancelled' };

export type CounterpartyOutcome = CounterpartyAnswer['outcome'];

export interface Counterparty<Request> {
  /**
   * Sends the request. `expiresAt` (ISO, UTC) travels with it: the counterparty holds nothing past
   * it and refuses a copy that arrives later, so a request lost in the network cannot act after the
   * branch gave up on it.
   */
  send(operationId: string, request: Request, expiresAt: string): Promise<CounterpartyAnswer>;
  /** What happened to this id. Never acts: asking twice changes nothing. */
  ask(operationId: string): Promise<CounterpartyAnswer>;
  /** Drops the operation if the counterparty has not acted yet; answers what it did otherwise. */
  cancel?(operationId: string): Promise<CounterpartyAnswer>;
}

/**
 * The link failed, timed out or lost the reply: the request may or may not have acted. The frame
 * maps it to `unknown` — never to refused — pays nothing and asks again by the same id.
 */
export class CounterpartyUnreachable extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CounterpartyUnreachable';
  }
}
