import { useCallback, useEffect, useState } from 'react';
import type { CounterStatus } from '@shared/contract';
import { call, on } from '../../api';

/** Polled as well as pushed: an event can be missed while the socket reconnects. */
const POLL_MS = 3_000;

export interface CounterStatusState {
  status: CounterStatus | null;
  /** True while the host does not answer: the screen says so instead of showing stale data as fresh. */
  unreachable: boolean;
  refresh(): void;
}

export function useCounterStatus(): CounterStatusState {
  const [status, setStatus] = useState<CounterStatus | null>(null);
  const [unreachable, setUnreachable] = useState(false);

  const refresh = useCallback(() => {
    call('system.status', {})
      .then((next) => {
        setStatus(next);
        setUnreachable(false);
      })
      .catch(() => setUnreachable(true));
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    const stop = on('status.changed', (next) => {
      setStatus(next);
      setUnreachable(false);
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [refresh]);

  return { status, unreachable, refresh };
}
