import type { CustomerView, TillConfig } from '@shared/contract';
import type { SentOperation } from '../../hooks/use-resumed-operation';
import type { MoneyOrderAction, OrderFields } from './money-orders-draft';

/** What a money-order form gets from the screen: the till, what was typed (kept by the host), the parties, the operation sent. */
export interface OrderDesk {
  /** The clerk's open till; null for a supervisor or a clerk without one (no cash forms then). */
  sessionId: string | null;
  config: TillConfig;
  fields: OrderFields;
  setField(name: string, value: string): void;
  sender: CustomerView | null;
  setSender(customer: CustomerView | null): void;
  payee: CustomerView | null;
  setPayee(customer: CustomerView | null): void;
  sent: SentOperation | null;
  /** Kept by the host before the call leaves; null once its answer was seen for sure. */
  keepSent(sent: SentOperation | null): Promise<void>;
  /** Answered for sure and done: the typing and the sent operation are forgotten (the form shows its result). */
  finished(): void;
  /** Something changed (an order issued, paid…): the lists read again. */
  changed(): void;
  /** Done with this form: back to the list, the typing forgotten. */
  close(): void;
  /** Opens another form with some fields filled (an order of the list to pay, to look up). */
  open(action: MoneyOrderAction, fields?: OrderFields): void;
}

export const fieldOf = (desk: Pick<OrderDesk, 'fields'>, name: string): string => desk.fields[name] ?? '';
