import { useEffect, useRef } from 'react';
import type { ScannedCode } from '@shared/contract';
import { on } from '../../api';
import { WedgeDecoder } from './wedge-decoder';

/** Where keyboard-wedge scans say they came from (they have no device id on the host). */
export const KEYBOARD_SCANNER = 'keyboard-wedge';

/**
 * Calls `handler` for every scanned code, from a serial scanner (through the host) or a
 * keyboard-wedge scanner typing into this window: one stream, whatever the hardware. The Enter
 * that ends a wedge scan is swallowed so it does not also submit the form that has the focus.
 */
export function useScan(handler: (scan: ScannedCode) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);

  useEffect(() => {
    const decoder = new WedgeDecoder();
    const onKey = (event: KeyboardEvent) => {
      // Shortcuts and held keys are a person at the keyboard, never a scanner.
      if (event.repeat || event.ctrlKey || event.altKey || event.metaKey) return decoder.reset();
      const outcome = decoder.push({ code: event.code, shiftKey: event.shiftKey, time: event.timeStamp });
      if (outcome.kind !== 'scan') return;
      event.preventDefault();
      event.stopPropagation();
      latest.current({ deviceId: KEYBOARD_SCANNER, code: outcome.code, aim: null, symbology: 'unknown', source: 'keyboard', at: new Date().toISOString() });
    };
    window.addEventListener('keydown', onKey, true);
    const stop = on('scan', (scan) => latest.current(scan));
    return () => {
      window.removeEventListener('keydown', onKey, true);
      stop();
    };
  }, []);
}
