import { ContractError } from '@shared/contract';
import { makeS10 } from '@shared/s10';
import type { Sqlite } from '../db/open-database';
import { mailRepository } from './mail.repository';

/**
 * Issues the next S10 number of a service indicator from the branch's allocated ranges.
 * Runs inside the sale's transaction: if the sale is refused, the serial is not consumed;
 * once committed, `s10_issued`'s primary key and the forward-only range make reuse impossible.
 */
export function issueS10(sqlite: Sqlite, serviceIndicator: string, operationId: string, at: string): string {
  const mail = mailRepository(sqlite);
  const range = mail.openRange(serviceIndicator);
  if (!range) {
    throw new ContractError('RULE_BROKEN', `no S10 numbers left for ${serviceIndicator}: ask head office for a new allocation`, {
      rule: 's10-range-exhausted',
      serviceIndicator,
    });
  }
  const s10 = makeS10(serviceIndicator, range.next_serial, range.country);
  mail.advanceRange(range.id);
  mail.issue({ s10, service_indicator: serviceIndicator, serial: range.next_serial, range_id: range.id, operation_id: operationId, issued_at: at });
  return s10;
}
