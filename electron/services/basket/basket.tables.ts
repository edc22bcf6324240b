/** The branch's shelf (migration 0007): one row per stocked product. */
export interface RetailStockTable {
  product_code: string;
  ean: string;
  quantity: number;
  updated_at: string;
}

export interface BasketTables {
  retail_stock: RetailStockTable;
}
