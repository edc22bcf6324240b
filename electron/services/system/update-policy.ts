export type UpdateDecision = 'wait' | 'install-on-quit';

/**
 * An update never interrupts trading: it is installed when the app quits, and
 * only while no till is open (a till session spans the whole update, or none of it).
 */
export function decideUpdate(state: { downloaded: boolean; tillsOpen: number }): UpdateDecision {
  if (!state.downloaded) return 'wait';
  return state.tillsOpen === 0 ? 'install-on-quit' : 'wait';
}
