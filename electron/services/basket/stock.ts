// One basket, whatever window it was rung up at: a retail sale and a mail acceptance both take
// the products they sell off the branch's shelf (`retail_stock`, one row per stocked product),
// inside the operation's transaction, and a void puts them back the same way. Products the
// branch does not stock (services, items sold by reference) have no row and are left alone.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/open-database';

export interface StockLine {
  productCode: string;
  quantity: number;
}

// Run by every basket with products: prepared once per database.
const updates = new WeakMap<Sqlite, Statement<[number, string, string]>>();

const move = (sqlite: Sqlite, lines: StockLine[], at: string, sign: 1 | -1): void => {
  let update = updates.get(sqlite);
  if (!update) updates.set(sqlite, (update = sqlite.prepare<[number, string, string]>('UPDATE retail_stock SET quantity = quantity + ?, updated_at = ? WHERE product_code = ?')));
  for (const line of lines) update.run(sign * line.quantity, at, line.productCode);
};

/** Sold: inside the sale's transaction. */
export const takeFromStock = (sqlite: Sqlite, lines: StockLine[], at: string): void => move(sqlite, lines, at, -1);

/** Voided: inside the void's transaction. */
export const returnToStock = (sqlite: Sqlite, lines: StockLine[], at: string): void => move(sqlite, lines, at, 1);
