/** Two-phase transfers, as in TigerBeetle: reserve first, then post or void the reservation. */
export const TRANSFER_FLAG = { posted: 0, pending: 1, postPending: 2, voidPending: 4 } as const;

export type TransferPhase = 'posted' | 'pending' | 'post-pending' | 'void-pending';

export const phaseFlag: Record<TransferPhase, number> = {
  posted: TRANSFER_FLAG.posted,
  pending: TRANSFER_FLAG.pending,
  'post-pending': TRANSFER_FLAG.postPending,
  'void-pending': TRANSFER_FLAG.voidPending,
};

export function phaseOf(flags: number): TransferPhase {
  switch (flags) {
    case TRANSFER_FLAG.pending:
      return 'pending';
    case TRANSFER_FLAG.postPending:
      return 'post-pending';
    case TRANSFER_FLAG.voidPending:
      return 'void-pending';
    default:
      return 'posted';
  }
}

/** Posted money: plain transfers and posted reservations. Pending and voids move no money. */
export const movesPostedMoney = (flags: number): boolean => flags === TRANSFER_FLAG.posted || flags === TRANSFER_FLAG.postPending;
