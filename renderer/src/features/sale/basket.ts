import type { Product } from '@shared/contract';

export interface BasketLine {
  product: Product;
  quantity: number;
  reference?: string;
}

/** Codes are matched as typed or scanned, ignoring case and stray spaces. */
export function findProduct(products: readonly Product[], code: string): Product | undefined {
  const wanted = code.trim().toUpperCase();
  return products.find((product) => product.code.toUpperCase() === wanted);
}

/** The same product again adds to its line, unless each item carries its own reference. */
export function addLine(lines: readonly BasketLine[], line: BasketLine): BasketLine[] {
  if (line.product.requiresReference) return [...lines, line];
  const index = lines.findIndex((l) => l.product.code === line.product.code);
  if (index < 0) return [...lines, line];
  return lines.map((l, i) => (i === index ? { ...l, quantity: Math.min(999, l.quantity + line.quantity) } : l));
}

export const basketTotal = (lines: readonly BasketLine[]): number => lines.reduce((sum, l) => sum + l.product.price.minor * l.quantity, 0);

/** What `sale.complete` receives: codes and quantities only; prices come from the catalogue. */
export const saleLines = (lines: readonly BasketLine[]) =>
  lines.map((l) => ({ productCode: l.product.code, quantity: l.quantity, ...(l.reference ? { reference: l.reference } : {}) }));
