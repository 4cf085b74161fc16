import { DomainError } from '@netdirect/runtime';
import { MarketRules } from '../markets/market-rules';

/*
 * Pricing an order from the service's own read model of the catalog: the
 * client names SKUs and quantities only, never a price. Pure, so every rule
 * (which price, shipping, included VAT) is unit-tested without a database.
 */

/** A SKU as the catalog's events describe it now. */
export interface SkuSnapshot {
  skuId: string;
  productId: string;
  productName: string;
  skuName: string;
  retailPrice: number;
  memberPrice: number;
  currency: string;
  bv: number;
  /** `draft` SKUs are not on sale yet; `retired` ones are off sale. */
  status: 'draft' | 'active' | 'retired';
  /** False until the product was published (a price change may come first). */
  published: boolean;
}

export type PricedBuyer = 'consumer' | 'operator' | 'guest';

export interface PricedLine {
  lineId: string;
  skuId: string;
  productId: string;
  productName: string;
  skuName: string;
  quantity: number;
  unitPrice: number;
  memberUnitPrice: number;
  priceKind: 'retail' | 'member';
  bvPerUnit: number;
  lineTotal: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  subtotal: number;
  shipping: number;
  taxIncluded: number;
  total: number;
  totalBv: number;
}

/** VAT contained in a gross amount at `vatBps`, rounded half up: gross × vat / (10 000 + vat). */
export function includedVat(gross: number, vatBps: number): number {
  const den = BigInt(10_000 + vatBps);
  return Number((BigInt(2) * BigInt(gross) * BigInt(vatBps) + den) / (BigInt(2) * den));
}

/**
 * Price the requested lines for a buyer: an operator pays member price, a
 * consumer or guest retail. Refuses (naming the line) an unknown, unpublished
 * or retired SKU, a SKU in another currency, and a quantity out of range.
 */
export function priceOrder(
  requested: { skuId: string; quantity: number }[],
  buyer: PricedBuyer,
  skus: ReadonlyMap<string, SkuSnapshot>,
  rules: MarketRules,
  currency: string,
  maxLineQuantity: number,
): PricedOrder | DomainError {
  if (requested.length === 0) return DomainError.invalid('lines', 'an order needs at least one line');
  const lines: PricedLine[] = [];
  for (const [i, r] of requested.entries()) {
    if (!Number.isSafeInteger(r.quantity) || r.quantity < 1)
      return DomainError.rule(`lines[${i}].quantity`, 'must be at least 1');
    if (r.quantity > maxLineQuantity)
      return DomainError.rule(`lines[${i}].quantity`, `at most ${maxLineQuantity} units per line`);
    const sku = skus.get(r.skuId);
    if (!sku) return DomainError.rule(`lines[${i}].skuId`, `unknown SKU ${r.skuId}`);
    if (sku.status === 'retired') return DomainError.rule(`lines[${i}].skuId`, `SKU ${r.skuId} is retired`);
    if (!sku.published || sku.status !== 'active') return DomainError.rule(`lines[${i}].skuId`, `SKU ${r.skuId} is not on sale`);
    if (sku.currency !== currency) return DomainError.rule(`lines[${i}].skuId`, `SKU ${r.skuId} is not priced in ${currency}`);
    const member = buyer === 'operator';
    const unitPrice = member ? sku.memberPrice : sku.retailPrice;
    lines.push({
      lineId: `L${i + 1}`,
      skuId: sku.skuId,
      productId: sku.productId,
      productName: sku.productName,
      skuName: sku.skuName,
      quantity: r.quantity,
      unitPrice,
      memberUnitPrice: sku.memberPrice,
      priceKind: member ? 'member' : 'retail',
      bvPerUnit: sku.bv,
      lineTotal: unitPrice * r.quantity,
    });
  }
  const subtotal = lines.reduce((s, l) => s + l.lineTotal, 0);
  const shipping = rules.freeShippingFrom !== null && subtotal >= rules.freeShippingFrom ? 0 : rules.shippingFee;
  const total = subtotal + shipping;
  if (!Number.isSafeInteger(total)) return DomainError.rule('lines', 'the order total is too large');
  return {
    lines,
    subtotal,
    shipping,
    taxIncluded: includedVat(total, rules.vatBps),
    total,
    totalBv: lines.reduce((s, l) => s + l.bvPerUnit * l.quantity, 0),
  };
}
