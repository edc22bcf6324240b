/**
 * Tracking codes this application made up where the UPU list (EMSEVT) has none. Each is
 * prefixed `LOC-` so that nobody, here or at head office, mistakes it for a UPU event, and is
 * stored with its names in `tracking_event_codes` like the UPU ones (migration 0013).
 */
export const LOCAL_CODES = {
  /** Written by a void for each item of the acceptance it cancels. */
  acceptanceCancelled: 'LOC-EMA-CANCELLED',
} as const;
