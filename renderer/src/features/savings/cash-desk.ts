import type { TillConfig } from '@shared/contract';
import type { SavingsFields, SentOperation } from './savings-draft';

/** What a savings form gets from the screen: the till, what was typed (kept by the host), the operation sent. */
export interface CashDesk {
  /** The clerk's open till; null for a supervisor or a clerk without one (no cash forms then). */
  sessionId: string | null;
  config: TillConfig;
  fields: SavingsFields;
  setField(name: string, value: string): void;
  sent: SentOperation | null;
  /** Kept by the host before the call leaves; null once its answer was seen for sure. */
  keepSent(sent: SentOperation | null): Promise<void>;
  /** Answered for sure and done: the typing and the sent operation are forgotten (the form shows its result). */
  finished(): void;
  /** Something changed on the account: read it again. */
  changed(): void;
  /** Done with this form: back to the account, the typing forgotten. */
  close(): void;
}

/** The amount fields read as they were typed, and whether the clerk tried to confirm yet. */
export const fieldOf = (desk: CashDesk, name: string): string => desk.fields[name] ?? '';
