import { useCallback, useRef, useState } from 'react';
import { uuid7 } from '@shared/uuid7';
import { isFailure } from '../api';

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Intent {
  id: string;
  /** What the clerk asked for (basket, amount…): the same content keeps the same id. */
  content: string;
  /** The host never answered: the operation may be booked, so only the same id may be sent again. */
  uncertain: boolean;
}

/**
 * One confirm button, one booking (the Dalmellington lesson). The operation id is
 * made once per intent and sent again unchanged on every retry of the same
 * content; presses while a call is in flight are ignored (a ref, not state: five
 * clicks land before React re-renders the disabled button). After an unanswered
 * call the id is kept whatever the screen shows, so the ledger refuses a second copy.
 */
export function useGuardedOperation() {
  const inFlight = useRef(false);
  const intent = useRef<Intent | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async <T,>(content: string, send: (operationId: string) => Promise<T>): Promise<Attempt<T> | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    const previous = intent.current;
    const id = previous && (previous.content === content || previous.uncertain) ? previous.id : uuid7();
    intent.current = { id, content, uncertain: false };
    try {
      const value = await send(id);
      intent.current = null;
      return { ok: true, value };
    } catch (error) {
      if (isFailure(error, 'HOST_UNREACHABLE')) intent.current = { id, content, uncertain: true };
      return { ok: false, error };
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  /**
   * An intent sent before a reload whose outcome this page never saw: the next confirm reuses its
   * id, so the ledger answers with the first booking instead of making a second one.
   */
  const resume = useCallback((id: string, content: string) => {
    intent.current = { id, content, uncertain: true };
  }, []);

  /** A new intent starts (new customer, new form): forget the settled one. */
  const forget = useCallback(() => {
    if (!intent.current?.uncertain) intent.current = null;
  }, []);

  return { busy, run, forget, resume };
}
