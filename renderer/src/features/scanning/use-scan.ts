import { useEffect, useRef } from 'react';
import type { ScannedCode } from '@shared/contract';
import { on } from '../../api';
import { listenForWedgeScans } from './wedge-listener';

/** Where keyboard-wedge scans say they came from (they have no device id on the host). */
export const KEYBOARD_SCANNER = 'keyboard-wedge';

/**
 * Calls `handler` for every scanned code, from a serial scanner (through the host) or a
 * keyboard-wedge scanner typing into this window: one stream, whatever the hardware. A wedge
 * scan never lands in the focused field: its keys are held back once the burst is recognised,
 * its first keys taken back, and the Enter that ends it does not submit the form.
 */
export function useScan(handler: (scan: ScannedCode) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);

  useEffect(() => {
    const stopWedge = listenForWedgeScans((code) =>
      latest.current({ deviceId: KEYBOARD_SCANNER, code, aim: null, symbology: 'unknown', source: 'keyboard', at: new Date().toISOString() }),
    );
    const stop = on('scan', (scan) => latest.current(scan));
    return () => {
      stopWedge();
      stop();
    };
  }, []);
}
