// One basket, whatever window it was rung up at: a retail sale and a mail acceptance both take
// the products they sell off the branch's shelf (`retail_stock`, one row per stocked product),
// inside the operation's transaction, and a void puts them back the same way. Products the
// branch does not stock (services, items sold by reference) have no row and are left alone.
import type { Sqlite } from '../db/open-database';
import { perDatabase, typedStatement } from '../db/typed-statement';

export interface StockLine {
  productCode: string;
  quantity: number;
}

// Run by every basket with products: prepared once per database.
const hot = perDatabase((sqlite) => ({
  move: typedStatement(sqlite, (db, p: { by: number; at: string; productCode: string }) =>
    db
      .updateTable('retail_stock')
      .set((eb) => ({ quantity: eb('quantity', '+', p.by), updated_at: p.at }))
      .where('product_code', '=', p.productCode),
  ),
}));

const move = (sqlite: Sqlite, lines: StockLine[], at: string, sign: 1 | -1): void => {
  const { move } = hot(sqlite);
  for (const line of lines) move.run({ by: sign * line.quantity, at, productCode: line.productCode });
};

/** Sold: inside the sale's transaction. */
export const takeFromStock = (sqlite: Sqlite, lines: StockLine[], at: string): void => move(sqlite, lines, at, -1);

/** Voided: inside the void's transaction. */
export const returnToStock = (sqlite: Sqlite, lines: StockLine[], at: string): void => move(sqlite, lines, at, 1);
