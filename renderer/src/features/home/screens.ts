import type { Role } from '@shared/roles';
import type { MessageKey } from '../../i18n';

/** The screens of a signed-in window; `home` is where Esc always leads. */
export type Screen = 'home' | 'audit' | 'approvals' | 'users' | 'setup' | 'diagnostics' | 'head-office-link' | 'workshop' | 'parcels' | 'my-operations' | 'waiting' | 'customers' | 'savings' | 'money-orders' | CashScreen;

/** The cash workflows of issue 3 (sale, till, cash office, journal). */
export type CashScreen = 'sale' | 'till' | 'cash-office' | 'journal';

export interface Tile {
  label: MessageKey;
  /** Absent: the workflow is announced but not built yet, shown disabled. */
  screen?: Screen;
  testId: string;
}

/**
 * What each role's home offers, in shortcut order (Alt+1, Alt+2…). The clerk's
 * counter workflows are listed so the layout is real, honestly marked as not
 * yet available.
 */
export function tilesFor(role: Role, demoBranch: boolean): Tile[] {
  switch (role) {
    case 'clerk':
      return [
        { label: 'tile.sale', screen: 'sale', testId: 'tile-sale' },
        { label: 'tile.parcels', screen: 'parcels', testId: 'tile-parcels' },
        { label: 'tile.till', screen: 'till', testId: 'tile-till' },
        { label: 'tile.myOperations', screen: 'my-operations', testId: 'tile-my-operations' },
        { label: 'tile.waiting', screen: 'waiting', testId: 'tile-waiting' },
        { label: 'tile.customers', screen: 'customers', testId: 'tile-customers' },
        { label: 'tile.savings', screen: 'savings', testId: 'tile-savings' },
        { label: 'tile.moneyOrders', screen: 'money-orders', testId: 'tile-money-orders' },
      ];
    case 'supervisor':
      return [
        { label: 'tile.users', screen: 'users', testId: 'tile-users' },
        { label: 'tile.audit', screen: 'audit', testId: 'tile-audit' },
        { label: 'tile.approvals', screen: 'approvals', testId: 'tile-approvals' },
        { label: 'tile.cashOffice', screen: 'cash-office', testId: 'tile-cash-office' },
        { label: 'tile.journal', screen: 'journal', testId: 'tile-journal' },
        { label: 'tile.waiting', screen: 'waiting', testId: 'tile-waiting' },
        { label: 'tile.customers', screen: 'customers', testId: 'tile-customers' },
        { label: 'tile.savings', screen: 'savings', testId: 'tile-savings' },
        { label: 'tile.moneyOrders', screen: 'money-orders', testId: 'tile-money-orders' },
      ];
    case 'technician':
      return [
        ...(demoBranch ? [{ label: 'tile.setup', screen: 'setup', testId: 'tile-setup' } satisfies Tile] : []),
        { label: 'tile.diagnostics', screen: 'diagnostics', testId: 'tile-diagnostics' },
        { label: 'tile.audit', screen: 'audit', testId: 'tile-audit' },
        { label: 'tile.workshop', screen: 'workshop', testId: 'tile-workshop' },
        { label: 'tile.headOfficeLink', screen: 'head-office-link', testId: 'tile-head-office-link' },
      ];
    case 'auditor':
      return [
        { label: 'tile.audit', screen: 'audit', testId: 'tile-audit' },
        { label: 'tile.journal', screen: 'journal', testId: 'tile-journal' },
      ];
  }
}
