import type { Logger } from '../log/logger';
import type { CounterDevices } from '../devices/counter-devices';
import type { TillContext } from '../till/till-context';
import type { MailReference } from './mail-reference';

/** What the mail services need, built once by the composition root. */
export interface MailContext {
  till: TillContext;
  reference: MailReference;
  /** Null while the database is refused; printing is skipped, never the sale. */
  devices: CounterDevices | null;
  logger: Logger;
  /** The address a customer's QR code opens to follow the item (configurable per post). */
  trackingUrl: (s10s: string[]) => string;
}
