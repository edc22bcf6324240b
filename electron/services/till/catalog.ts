import { ContractError, type Product } from '@shared/contract';
import productsFile from '../../../resources/samples/products.json' with { type: 'json' };

/** Products sold at the counter, priced in the branch currency. Sample data until head office publishes them. */
export class Catalog {
  constructor(private readonly products: Product[]) {}

  static sample(): Catalog {
    return new Catalog(
      productsFile.products.map((p) => ({
        code: p.code,
        name: p.name,
        price: { minor: p.price, currency: p.currency },
        requiresReference: p.requiresReference,
      })),
    );
  }

  list(currency: string): Product[] {
    return this.products.filter((p) => p.price.currency === currency);
  }

  find(code: string, currency: string): Product {
    const product = this.products.find((p) => p.code === code && p.price.currency === currency);
    if (!product) throw new ContractError('NOT_FOUND', `no product ${code} in ${currency}`, { rule: 'unknown-product', productCode: code });
    return product;
  }

  /** The product's name for Z reports; unknown codes (withdrawn products) keep their code. */
  nameOf(code: string): Product['name'] {
    const product = this.products.find((p) => p.code === code);
    return product?.name ?? { fr: code, en: code, ar: code };
  }
}
