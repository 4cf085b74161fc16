/**
 * The fault run's second, independent implementation of the business rules:
 * from the orders the test placed (what it bought, at the prices it set, by
 * whom, through which network it registered) it computes what the services
 * must show at the end — order totals, refunds, stock and the commission
 * ledger — to the minor unit. Written from the rules in the README and the
 * architecture, not from the services' code.
 *
 * Rules used:
 * - price: a consumer or guest pays retail through its referring operator (the
 *   nearest operator above a consumer, the code's owner for a guest); an
 *   operator pays member price for itself. Subtotal Σ unit × qty; shipping the
 *   market's flat fee unless the subtotal reaches `freeShippingFrom`; the total
 *   includes VAT.
 * - refund: a paid order cancelled before shipment gets its total back; a
 *   whole order returned within the withdrawal period too (lines + shipping,
 *   no restocking fee).
 * - stock: every unit of a completed order leaves the warehouse; cancelled
 *   and returned (resellable) units come back; nothing stays reserved.
 * - commission (estimates; no period closed, so every active operator counts
 *   as the lowest rank, paid level 1 only): per order line, the seller earns
 *   the retail margin qty × (retail − member) on a retail sale; the operators
 *   in the anchor's upline (anchor: the seller, or an operator buying for
 *   itself), consumers skipped, earn at levels 1..5 an override of
 *   BV × point value (100 minor per point) × rate (10 %, 5 %, 3 %, 2 %, 2 %),
 *   truncated toward zero; a level the rank does not unlock is a line of 0
 *   (its breakage recorded). A full refund claws every line back to 0.
 */

export const OVERRIDE_RATES_BPS = [1000, 500, 300, 200, 200];
export const POINT_VALUE_MINOR = 100;

const truncRate = (amount, bps) => Math.trunc((amount * bps) / 10000);

/** Unit price, kind and totals of an order as placed. */
export function expectedTotals(order, catalog, market) {
  const retail = order.buyerKind !== 'operator';
  let subtotal = 0;
  const lines = order.lines.map((l) => {
    const sku = catalog.get(l.skuId);
    const unit = retail ? sku.retail : sku.member;
    subtotal += unit * l.quantity;
    return { ...l, unit, member: sku.member, bv: sku.bv * l.quantity, priceKind: retail ? 'retail' : 'member' };
  });
  const shipping = subtotal >= market.freeShippingFrom ? 0 : market.shippingFee;
  return { lines, subtotal, shipping, total: subtotal + shipping };
}

/** Who sold the order (null: an operator buying for itself). */
export function sellerOf(order, members) {
  if (order.buyerKind === 'guest') return order.referrerId;
  if (order.buyerKind === 'operator') return null;
  for (const id of members.get(order.buyerId).upline) if (members.get(id).kind === 'operator') return id;
  return null;
}

/**
 * Expected net commission per `orderId|beneficiary|rule|level`, and how many
 * estimate lines each key has (one per order line with something to say).
 */
export function expectedCommission(orders, catalog, members, market) {
  const net = new Map();
  const lineCount = new Map();
  const add = (key, amount) => {
    net.set(key, (net.get(key) ?? 0) + amount);
    lineCount.set(key, (lineCount.get(key) ?? 0) + 1);
  };
  for (const o of orders) {
    if (!['completed', 'cancel-paid', 'returned'].includes(o.intent)) continue;
    const kept = o.intent === 'completed' ? 1 : 0;
    const { lines } = expectedTotals(o, catalog, market);
    const seller = sellerOf(o, members);
    const anchor = seller ?? (o.buyerKind === 'operator' ? o.buyerId : null);
    if (!anchor) continue;
    const upline = members.get(anchor).upline;
    for (const l of lines) {
      if (l.priceKind === 'retail' && seller) {
        const margin = l.quantity * Math.max(0, l.unit - l.member);
        if (margin) add(`${o.orderId}|${seller}|retail-margin|0`, margin * kept);
      }
      const base = Math.trunc((l.bv * POINT_VALUE_MINOR) / 100);
      let level = 0;
      for (const id of upline) {
        if (level >= OVERRIDE_RATES_BPS.length) break;
        if (members.get(id).kind !== 'operator') continue;
        level++;
        const uncapped = truncRate(base, OVERRIDE_RATES_BPS[level - 1]);
        if (uncapped === 0) continue;
        add(`${o.orderId}|${id}|unilevel-override|${level}`, level === 1 ? uncapped * kept : 0);
      }
    }
  }
  return { net, lineCount };
}

/** Expected on-hand units per SKU at the end. */
export function expectedStock(orders, initial) {
  const onHand = new Map(initial);
  for (const o of orders) {
    if (o.intent !== 'completed') continue;
    for (const l of o.lines) onHand.set(l.skuId, onHand.get(l.skuId) - l.quantity);
  }
  return onHand;
}
