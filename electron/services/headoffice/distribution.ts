/**
 * How head office's tables spread if it ever runs on Citus (DISTRIBUTION.md has
 * the statements). Every table of `ho` is in exactly one list; a test checks the
 * live schema against them, so a new table must be placed here to exist.
 */

/** Owned by one branch, keyed by `branch_code` first: distributed by it, co-located with ho.transfers. */
export const BRANCH_TABLES = [
  'transfers',
  'branch_cursors',
  'quarantine',
  'alarms',
  'day_close_comparisons',
  'tracking_cursors',
  'journal_signatures',
  // Savings: the calling branch's requests and unapplied bookings (keyed by that branch) …
  'savings_operations',
  'savings_unapplied',
  // … and the accounts' own rows, keyed by the account's home branch (whose number range it
  // came from): distributed by it too, reached from any branch (see DISTRIBUTION.md).
  'savings_accounts',
  'savings_lines',
  'savings_holds',
  'savings_status_changes',
  'record_cursors',
  'branch_records',
  'customer_lookups',
  // Money orders: the calling branch's requests, locks, records kept aside and unapplied bookings …
  'money_order_operations',
  'money_order_locks',
  'money_order_records_aside',
  'money_order_unapplied',
  // … and the orders themselves, keyed by their home (the issuing branch, whose range the number
  // came from; '@abroad' for incoming international orders), reached from any branch.
  'money_orders',
] as const;

/** National data, small and read everywhere, written by head-office staff: a copy on every node. */
export const REFERENCE_TABLES = [
  'branches',
  'reference_items',
  's10_ranges',
  'push_admission',
  'savings_products',
  'savings_number_ranges',
  'money_order_tariffs',
  'money_order_ranges',
] as const;

/**
 * Kept on the coordinator (`citus_add_local_table_to_metadata`): an item's tracking history
 * crosses branches by nature (accepted at one, handed over at another), so it is neither one
 * branch's nor small enough to copy everywhere.
 */
export const COORDINATOR_TABLES = ['tracking_events', 'customers'] as const;
