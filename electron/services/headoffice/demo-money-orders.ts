import tariffSample from '../../../resources/samples/money-order-tariff.json' with { type: 'json' };
import { HeadOfficeMoneyOrdersStaff, MoneyOrderTariff, MoneyOrderTariffKey } from './money-orders-api';
import type { SqlRunner } from './sql-runner';

/** Order serials the demo branch gets at once: plenty for training, far from exhausting the national space. */
const DEMO_MONEY_ORDER_RANGE = 100_000;

/**
 * The demo head office publishes what a real one's staff would before a branch issues money orders:
 * the SAMPLE tariff and a range of order numbers for this branch — through the staff functions a
 * real head office uses, so the branch pulls them like any reference item. Run as head-office staff,
 * before the session turns into the branch's role; each step only when missing, so a demo head office
 * made before money orders existed gets them too and a restart publishes nothing twice.
 */
export async function seedDemoMoneyOrders(sql: SqlRunner, branchCode: string): Promise<void> {
  const staff = new HeadOfficeMoneyOrdersStaff(sql);
  for (const { key, ...body } of tariffSample.tariffs) {
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ho.money_order_tariffs WHERE key = $1', [key]);
    if (rows[0]?.n === 0) await staff.publishTariff(MoneyOrderTariffKey.parse(key), MoneyOrderTariff.parse(body), 'demo-head-office');
  }
  const ranges = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ho.money_order_ranges WHERE branch_code = $1', [branchCode]);
  if (ranges.rows[0]?.n === 0) {
    const first = await staff.nextFreeSerial();
    await staff.allocateRange(branchCode, first, first + DEMO_MONEY_ORDER_RANGE - 1);
  }
}
