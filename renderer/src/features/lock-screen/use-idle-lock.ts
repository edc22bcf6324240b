import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * Locks the window after `seconds` without keyboard or pointer activity. The
 * host locks idle sessions on its own too; this only makes the screen follow
 * without waiting for the next call.
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
    const touch = () => {
      lastActivity.current = Date.now();
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
