import { useEffect, useRef } from 'react';

/**
 * Esc closes only the innermost thing open: a dropdown or dialog first (they close themselves),
 * then a panel that registered a layer (the paid-out form), and only then the screen. And a
 * screen holding unfinished work (a basket) asks before it is left.
 */

const layers: Array<{ close: () => void }> = [];
interface UnfinishedWork {
  pending(): boolean;
  /** The clerk chose to leave it: drop the kept draft too. */
  abandon(): void;
}
let unfinishedWork: UnfinishedWork | null = null;

/** A dropdown, listbox or modal is open: Esc belongs to it, whatever else listens. */
export function popupOpen(): boolean {
  // Visible ones only: a closed dropdown may stay in the page, hidden, with its listbox role.
  const candidates = document.querySelectorAll('[role="dialog"][aria-modal="true"], [role="listbox"], [role="menu"], [aria-haspopup][aria-expanded="true"]');
  return Array.from(candidates).some((element) => element.getClientRects().length > 0);
}

/** While `open`, Esc calls `close` instead of leaving the screen (innermost registered wins). */
export function useEscapeLayer(open: boolean, close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const layer = { close: () => latest.current() };
    layers.push(layer);
    return () => {
      layers.splice(layers.indexOf(layer), 1);
    };
  }, [open]);
}

/** The innermost registered layer handled Esc (false: nothing registered, the screen may go). */
export function closeInnermostLayer(): boolean {
  const layer = layers.at(-1);
  if (!layer) return false;
  layer.close();
  return true;
}

/** While `unfinished` is true, leaving the screen asks the clerk first; `abandon` runs if she leaves. */
export function useUnfinishedWork(unfinished: boolean, abandon: () => void): void {
  const latest = useRef({ unfinished, abandon });
  useEffect(() => {
    latest.current = { unfinished, abandon };
  });
  useEffect(() => {
    const work: UnfinishedWork = { pending: () => latest.current.unfinished, abandon: () => latest.current.abandon() };
    unfinishedWork = work;
    return () => {
      if (unfinishedWork === work) unfinishedWork = null;
    };
  }, []);
}

export const hasUnfinishedWork = (): boolean => unfinishedWork?.pending() ?? false;
export const abandonUnfinishedWork = (): void => unfinishedWork?.abandon();
