// One keyboard listener for the whole window, however many screens want wedge scans: each held
// key must be taken back or put back exactly once.
import { insertIntoFocusedField, retractFromFocusedField } from './focused-field';
import { WEDGE_DEFAULTS, WedgeDecoder } from './wedge-decoder';

type ScanHandler = (code: string) => void;

const handlers = new Set<ScanHandler>();
let uninstall: (() => void) | null = null;

function install(): () => void {
  const decoder = new WedgeDecoder(WEDGE_DEFAULTS);
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const release = (text: string) => {
    if (text) insertIntoFocusedField(text);
  };
  const keep = (event: KeyboardEvent) => {
    event.preventDefault();
    event.stopPropagation();
  };
  const onKey = (event: KeyboardEvent) => {
    // Shortcuts and held keys are a person at the keyboard, never a scanner.
    if (event.repeat || event.ctrlKey || event.altKey || event.metaKey) return release(decoder.cancel());
    const outcome = decoder.push({ code: event.code, shiftKey: event.shiftKey, time: event.timeStamp });
    clearTimeout(quiet);
    if (outcome.kind === 'pass') return release(outcome.release);
    keep(event);
    if (outcome.retract) retractFromFocusedField(outcome.retract);
    if (outcome.kind === 'hold') {
      // A burst that stops without its Enter was typing after all: its keys go back to the page.
      quiet = setTimeout(() => release(decoder.expire(performance.now())), WEDGE_DEFAULTS.maxGapMs + 20);
      return;
    }
    for (const handler of handlers) handler(outcome.code);
  };
  window.addEventListener('keydown', onKey, true);
  return () => {
    clearTimeout(quiet);
    window.removeEventListener('keydown', onKey, true);
    release(decoder.cancel());
  };
}

/** Calls `handler` with each keyboard-wedge scan typed into this window; returns the unsubscribe. */
export function listenForWedgeScans(handler: ScanHandler): () => void {
  handlers.add(handler);
  uninstall ??= install();
  return () => {
    handlers.delete(handler);
    if (handlers.size > 0) return;
    uninstall?.();
    uninstall = null;
  };
}
