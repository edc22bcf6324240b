import productsSample from '../../../resources/samples/savings-products.json' with { type: 'json' };
import tiersSample from '../../../resources/samples/kyc-tiers.json' with { type: 'json' };
import type { SqlRunner } from './sql-runner';

/** Account serials the demo branch gets at once: plenty for training, far from exhausting the national space. */
const DEMO_SAVINGS_RANGE = 10_000;

/**
 * The demo head office publishes what a real one's staff would before a branch offers savings: the
 * SAMPLE products (the same file the branch falls back on), its KYC tiers, and a range of account
 * numbers for this branch — through the staff functions a real head office uses, so the branch pulls
 * them like any reference item. Run as head-office staff, before the session turns into the branch's
 * role; each step only when missing, so a demo head office made before savings existed gets them too
 * and a restart publishes nothing twice.
 */
export async function seedDemoSavings(sql: SqlRunner, branchCode: string): Promise<void> {
  for (const product of productsSample.products) {
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ho.savings_products WHERE code = $1', [product.code]);
    if (rows[0]?.n === 0) await sql.query('SELECT ho.publish_savings_product($1::jsonb, $2)', [JSON.stringify(product), 'demo-head-office']);
  }
  for (const { key, ...body } of tiersSample.tiers) {
    const { rows } = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM ho.reference_items WHERE kind = 'kyc-tier' AND key = $1", [key]);
    if (rows[0]?.n === 0) await sql.query("SELECT ho.publish_item('kyc-tier', $1, NULL, $2::jsonb, $3)", [key, JSON.stringify(body), 'demo-head-office']);
  }
  const ranges = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ho.savings_number_ranges WHERE branch_code = $1', [branchCode]);
  if (ranges.rows[0]?.n === 0) await sql.query('SELECT first_serial FROM ho.allocate_savings_range($1, $2)', [branchCode, DEMO_SAVINGS_RANGE]);
}
