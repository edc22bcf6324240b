import { CounterpartyUnreachable, type Counterparty, type CounterpartyAnswer } from './counterparty-port';

const OUTCOMES = new Set(['confirmed', 'refused', 'pending', 'expired', 'never-received', 'cancelled']);

/**
 * A counterparty over HTTP (an operator's or biller's API, GSMA Mobile Money style): the operation
 * id is in the path and in `X-CorrelationID`, a repeat is answered with the first answer.
 * `POST {base}/operations/{id}` sends, `GET {base}/operations/{id}` asks, `POST …/cancel` cancels;
 * each answers `{ outcome, reference?, reason? }`. Anything but a readable 200 — a refused
 * connection, a timeout, a cut link, a 5xx, a body we cannot read — is "we do not know":
 * `CounterpartyUnreachable`, never a refusal.
 */
export class HttpCounterparty<Request> implements Counterparty<Request> {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  send(operationId: string, request: Request, expiresAt: string): Promise<CounterpartyAnswer> {
    return this.exchange('POST', operationId, '', { request, expiresAt });
  }

  ask(operationId: string): Promise<CounterpartyAnswer> {
    return this.exchange('GET', operationId, '', undefined);
  }

  cancel(operationId: string): Promise<CounterpartyAnswer> {
    return this.exchange('POST', operationId, '/cancel', {});
  }

  private async exchange(method: 'GET' | 'POST', operationId: string, suffix: string, body: unknown): Promise<CounterpartyAnswer> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}/operations/${encodeURIComponent(operationId)}${suffix}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-correlationid': operationId },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new CounterpartyUnreachable(`no answer from the counterparty: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (response.status !== 200) throw new CounterpartyUnreachable(`the counterparty answered HTTP ${response.status}`);
    return parseAnswer(text);
  }
}

function parseAnswer(text: string): CounterpartyAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CounterpartyUnreachable('the counterparty’s answer is not JSON', error);
  }
  const answer = parsed as { outcome?: unknown; reference?: unknown; reason?: unknown };
  if (typeof answer.outcome !== 'string' || !OUTCOMES.has(answer.outcome)) throw new CounterpartyUnreachable('the counterparty’s answer has no outcome we know');
  switch (answer.outcome) {
    case 'confirmed':
      return { outcome: 'confirmed', reference: typeof answer.reference === 'string' ? answer.reference : null };
    case 'refused':
      return { outcome: 'refused', reason: typeof answer.reason === 'string' ? answer.reason : 'refused' };
    case 'pending':
      return { outcome: 'pending', reference: typeof answer.reference === 'string' ? answer.reference : null };
    default:
      return { outcome: answer.outcome as 'expired' | 'never-received' | 'cancelled' };
  }
}
