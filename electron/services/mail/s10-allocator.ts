import { ContractError } from '@shared/contract';
import { makeS10 } from '@shared/s10';
import type { Sqlite } from '../db/open-database';
import { prepared as statement } from '../db/prepared';

interface RangeRow {
  id: string;
  country: string;
  next_serial: number;
}

/**
 * Issues the next S10 number of a service indicator from the branch's allocated ranges.
 * Runs inside the sale's transaction: if the sale is refused, the serial is not consumed;
 * once committed, `s10_issued`'s primary key and the forward-only range make reuse impossible.
 */
export function issueS10(sqlite: Sqlite, serviceIndicator: string, operationId: string, at: string): string {
  const range = statement(
    sqlite,
    'SELECT id, country, next_serial FROM s10_ranges WHERE service_indicator = ? AND next_serial <= last_serial ORDER BY first_serial LIMIT 1',
  ).get(serviceIndicator) as RangeRow | undefined;
  if (!range) {
    throw new ContractError('RULE_BROKEN', `no S10 numbers left for ${serviceIndicator}: ask head office for a new allocation`, {
      rule: 's10-range-exhausted',
      serviceIndicator,
    });
  }
  const s10 = makeS10(serviceIndicator, range.next_serial, range.country);
  statement(sqlite, 'UPDATE s10_ranges SET next_serial = next_serial + 1 WHERE id = ?').run(range.id);
  statement(sqlite, 'INSERT INTO s10_issued (s10, service_indicator, serial, range_id, operation_id, issued_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    s10,
    serviceIndicator,
    range.next_serial,
    range.id,
    operationId,
    at,
  );
  return s10;
}

/** Numbers left per indicator, for the screen to warn before a range runs out. */
export function s10Remaining(sqlite: Sqlite): Array<{ serviceIndicator: string; remaining: number }> {
  return sqlite
    .prepare('SELECT service_indicator AS serviceIndicator, sum(last_serial - next_serial + 1) AS remaining FROM s10_ranges GROUP BY service_indicator')
    .all() as Array<{ serviceIndicator: string; remaining: number }>;
}
