import type { AcceptanceResult } from '@shared/contract';

/**
 * A basket acceptance as the ledger keeps it (the operation's stored result):
 * what the receipt, the print jobs and a later void are built from. Its own
 * file so that the acceptance and the outputs it writes do not import each other.
 */
export type BookedAcceptance = Omit<AcceptanceResult, 'replayed' | 'printing'>;
