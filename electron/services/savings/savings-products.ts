import { SavingsProduct } from '@shared/savings-product';
import type { BranchProfile } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';
import productsSample from '../../../resources/samples/savings-products.json' with { type: 'json' };

/**
 * The savings products head office published (reference pull, kind `savings-product`), or the
 * SAMPLE ones for the demo branch. A product that does not parse is left out, not guessed at.
 */
export function savingsProducts(sqlite: Sqlite, branch: () => BranchProfile | null) {
  const pulled = typedStatement(sqlite, (db, p: { kind: string }) => db.selectFrom('replication_reference').select('body').where('kind', '=', p.kind).orderBy('key'));
  return (): SavingsProduct[] => {
    const bodies: unknown[] = pulled.all({ kind: 'savings-product' }).map((row) => JSON.parse(row.body));
    if (bodies.length === 0 && branch()?.demo) bodies.push(...productsSample.products);
    return bodies.flatMap((body) => {
      const parsed = SavingsProduct.safeParse(body);
      return parsed.success ? [parsed.data] : [];
    });
  };
}
