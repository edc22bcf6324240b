import { useEffect, useRef } from 'react';
import { call } from '../../api';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/** The host hears about activity at most this often: enough to keep it from locking a busy clerk. */
export const TOUCH_INTERVAL_MS = 30_000;

/**
 * Locks the window after `seconds` without keyboard or pointer activity. The
 * host locks idle sessions on its own too; this only makes the screen follow
 * without waiting for the next call. Activity is reported to the host
 * (`auth.touch`, throttled) so a clerk typing a long form or scanning items
 * without calling anything is not locked by the host meanwhile.
 */
export function useIdleLock(enabled: boolean, seconds: number, onIdle: () => void): void {
  const lastActivity = useRef(0);
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!enabled) return;
    lastActivity.current = Date.now();
    let lastReported = Date.now();
    // Short idle limits (tests, kiosks) still get a touch well before the host's own lock.
    const touchEvery = Math.min(TOUCH_INTERVAL_MS, (seconds * 1000) / 2);
    const touch = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastReported < touchEvery) return;
      lastReported = now;
      // Best effort: a failed touch only means the host may lock a little earlier.
      call('auth.touch', {}).catch(() => undefined);
    };
    ACTIVITY_EVENTS.forEach((name) => window.addEventListener(name, touch, { passive: true, capture: true }));
    const timer = setInterval(() => {
      if (Date.now() - lastActivity.current >= seconds * 1000) onIdleRef.current();
    }, Math.min(1000, seconds * 250));
    return () => {
      clearInterval(timer);
      ACTIVITY_EVENTS.forEach((name) => window.removeEventListener(name, touch, { capture: true }));
    };
  }, [enabled, seconds]);
}
