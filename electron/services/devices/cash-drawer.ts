// The cash drawer has no link of its own: it is kicked through its receipt printer's drawer port.
import type { ReceiptPrinter } from './receipt-printer';

export class CashDrawer {
  constructor(
    readonly id: string,
    readonly name: string,
    private readonly printer: ReceiptPrinter,
  ) {}

  get printerId(): string {
    return this.printer.identity.id;
  }

  open(): Promise<void> {
    return this.printer.openDrawer();
  }

  /** True/false from the drawer sensor when the printer reports it; null when unknown. */
  async isOpen(): Promise<boolean | null> {
    const health = await this.printer.readHealth();
    return health ? health.drawerOpen : null;
  }
}
