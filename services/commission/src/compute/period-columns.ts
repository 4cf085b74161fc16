import type { PeriodInput, PlanVersion } from './model';

/**
 * A period's input as columns: integer member indexes and typed arrays
 * instead of one object per member and per order line. What a reader
 * streaming a large period fills, and what the close computes over: at
 * 1,000,000 members and 5,000,000 order lines the objects' heap (1.3 GiB of
 * small objects and string arrays) cost the close more in garbage collection
 * than the computation itself.
 *
 * Members are indexes into {@link memberIds}: the network's members first
 * (0 … known − 1), then ids named only by order lines (an anchor, a seller or
 * an upline member absent from the network), which are never qualified.
 */
export interface PeriodInputColumns {
  periodId: string;
  market: string;
  currency: string;
  plan: PlanVersion;
  memberIds: string[];
  /** Members of the network: indexes 0 … known − 1. */
  known: number;
  /** Per network member: the sponsor's index, or −1. */
  sponsor: Int32Array;
  /** Per network member: 1 for an operator, 0 for a consumer. */
  operator: Uint8Array;
  /** Per network member: 1 when active at the period's end. */
  active: Uint8Array;
  /** Per order line (the line count is their length): its order and its id within the order. */
  orderIds: string[];
  orderLineIds: string[];
  /** Per order line: the anchor's member index. */
  anchor: Int32Array;
  /** Per order line: the seller's member index, or −1 (no seller). */
  seller: Int32Array;
  /** Per order line: 1 for `priceKind: retail`. */
  retail: Uint8Array;
  /** Per order line, net of refunded units. */
  quantity: Float64Array;
  bv: Float64Array;
  unitPriceMinor: Float64Array;
  memberUnitPriceMinor: Float64Array;
  /** The upline snapshot of line i, nearest first: uplinePool[uplineStart[i] .. uplineEnd[i]). Lines may share a range. */
  uplineStart: Int32Array;
  uplineEnd: Int32Array;
  uplinePool: Int32Array;
}

/**
 * The columns of an input given as objects. A member listed twice keeps its
 * first index and its last attributes; a sponsor absent from the network is
 * no sponsor. Lines whose upline is the same array share one range.
 */
export function columnsOf(input: PeriodInput): PeriodInputColumns {
  const memberIds: string[] = [];
  const index = new Map<string, number>();
  for (const m of input.members) {
    if (index.has(m.memberId)) continue;
    index.set(m.memberId, memberIds.length);
    memberIds.push(m.memberId);
  }
  const known = memberIds.length;
  const sponsor = new Int32Array(known).fill(-1);
  const operator = new Uint8Array(known);
  const active = new Uint8Array(known);
  for (const m of input.members) {
    const i = index.get(m.memberId) as number;
    operator[i] = m.kind === 'operator' ? 1 : 0;
    active[i] = m.active ? 1 : 0;
    const s = m.sponsorId === null ? undefined : index.get(m.sponsorId);
    sponsor[i] = s !== undefined && s !== i ? s : -1;
  }
  const lookup = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = memberIds.length;
      index.set(id, i);
      memberIds.push(id);
    }
    return i;
  };

  const { lines } = input;
  const n = lines.length;
  const orderIds = new Array<string>(n);
  const orderLineIds = new Array<string>(n);
  const anchor = new Int32Array(n);
  const seller = new Int32Array(n);
  const retail = new Uint8Array(n);
  const quantity = new Float64Array(n);
  const bv = new Float64Array(n);
  const unitPriceMinor = new Float64Array(n);
  const memberUnitPriceMinor = new Float64Array(n);
  const uplineStart = new Int32Array(n);
  const uplineEnd = new Int32Array(n);
  let pool = new Int32Array(Math.max(16, n * 4));
  let poolSize = 0;
  for (let li = 0; li < n; li++) {
    const l = lines[li];
    const prev = li > 0 ? lines[li - 1] : undefined;
    orderIds[li] = l.orderId;
    orderLineIds[li] = l.orderLineId;
    // The lines of one order are consecutive and share their anchor and upline: one lookup per order.
    anchor[li] = prev && prev.anchorId === l.anchorId ? anchor[li - 1] : lookup(l.anchorId);
    seller[li] = l.sellerId === null ? -1 : l.sellerId === l.anchorId ? anchor[li] : lookup(l.sellerId);
    retail[li] = l.priceKind === 'retail' ? 1 : 0;
    quantity[li] = l.quantity;
    bv[li] = l.bv;
    unitPriceMinor[li] = l.unitPriceMinor;
    memberUnitPriceMinor[li] = l.memberUnitPriceMinor;
    if (prev && prev.upline === l.upline) {
      uplineStart[li] = uplineStart[li - 1];
      uplineEnd[li] = uplineEnd[li - 1];
      continue;
    }
    if (poolSize + l.upline.length > pool.length) {
      const next = new Int32Array(Math.max(pool.length * 2, poolSize + l.upline.length));
      next.set(pool.subarray(0, poolSize));
      pool = next;
    }
    uplineStart[li] = poolSize;
    // The snapshot mostly equals the anchor's ancestors in today's tree: follow the sponsor links
    // and compare ids (cheap), looking an id up only where the two part (a move).
    let guess = anchor[li] < known ? sponsor[anchor[li]] : -1;
    for (const id of l.upline) {
      const m = guess >= 0 && memberIds[guess] === id ? guess : lookup(id);
      guess = m < known ? sponsor[m] : -1;
      pool[poolSize++] = m;
    }
    uplineEnd[li] = poolSize;
  }
  return {
    periodId: input.periodId,
    market: input.market,
    currency: input.currency,
    plan: input.plan,
    memberIds,
    known,
    sponsor,
    operator,
    active,
    orderIds,
    orderLineIds,
    anchor,
    seller,
    retail,
    quantity,
    bv,
    unitPriceMinor,
    memberUnitPriceMinor,
    uplineStart,
    uplineEnd,
    uplinePool: pool.subarray(0, poolSize),
  };
}
