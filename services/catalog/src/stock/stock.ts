import {
  ReorderPointReached,
  STOCK_ADJUSTMENT_KINDS,
  StockAdjusted,
  StockReceived,
  StockRestocked,
} from '@netdirect/contracts';
import { derivedId, DomainError, DomainEvent, domainEvent } from '@netdirect/runtime';

/*
 * The stock of one SKU in the virtual warehouse, and the rules that move it.
 * Plain code: no NestJS, no database. Two kinds of change:
 *
 * - read-decide-write changes (a receipt, a return, an ops adjustment, the
 *   reorder settings) are guarded by `seq`, which every write increments, so
 *   the event can carry the levels after the change and a concurrent movement
 *   makes the write miss instead of being overwritten;
 * - holds (reserve, release, commit one order's units) are conditional
 *   increments that need no read: `available >= qty` and "this hold is not
 *   there yet" are the guard. Many orders can reserve one hot SKU at once
 *   without compare-and-set retries, and the store's single-document
 *   atomicity alone keeps available stock from going negative.
 *
 * Invariant of every write: available = onHand − reserved, all ≥ 0.
 */

export type AdjustmentKind = (typeof STOCK_ADJUSTMENT_KINDS)[number];
export const SKU_STATUSES = ['active', 'retired'] as const;
export type SkuStatus = (typeof SKU_STATUSES)[number];

/** One audited ops change of a SKU's stock or settings. */
export interface StockAuditEntry {
  at: Date;
  action: 'adjusted' | 'reorder-set';
  by: string;
  reason?: string;
  details: Record<string, unknown>;
}

/** At most this many audit entries stay on the stock document (the events keep the full story). */
export const STOCK_HISTORY_LIMIT = 200;

/** What is stored of a SKU's stock (`stock` collection, `_id` = skuId). */
export interface StockState {
  _id: string;
  onHand: number;
  reserved: number;
  available: number;
  /** Null: no reorder tracking for this SKU. */
  reorderPoint: number | null;
  reorderQuantity: number | null;
  /**
   * Learnt from the catalog's own product events. Only an `active` SKU can be
   * reserved; absent means not published yet (a draft, or a SKU only procurement knows).
   */
  skuStatus?: SkuStatus;
  /** Units held per order attempt (key: {@link holdKey}), so a redelivery or a resume never holds twice. */
  holds: Record<string, number>;
  /**
   * Keys of the keyed movements (receipts, returns, adjustments, returned
   * commitments) written but not yet in the movement ledger: the key rides in
   * the same write as the increment, then moves to the ledger and leaves this
   * list, so the list stays short however many receipts a SKU sees.
   */
  applied: string[];
  /**
   * Equal to `_id` while available ≤ reorder point, absent otherwise: a sparse
   * unique marker, so "below reorder" is read from its index, never by a scan,
   * and ReorderPointReached is raised once per downward crossing.
   */
  belowReorder?: string;
  /** Incremented by every write: the compare-and-set token of read-decide-write changes. */
  seq: number;
  history: StockAuditEntry[];
}

export type StockLevels = Pick<StockState, '_id' | 'onHand' | 'reserved' | 'available' | 'reorderPoint' | 'reorderQuantity' | 'belowReorder' | 'seq'>;

/** A change of one stock document: guard, increments, fields to set and unset, and the events it causes. */
export interface StockChange {
  skuId: string;
  guard: Record<string, unknown>;
  inc: Record<string, number>;
  set: Record<string, unknown>;
  unset: string[];
  pushApplied?: string;
  audit?: StockAuditEntry;
  events: DomainEvent[];
}

/**
 * The key of one order attempt's hold. Order ids are free text (up to 128
 * characters, dots allowed), so the field name is a hash of them.
 */
export function holdKey(orderId: string, attempt: number): string {
  return derivedId('hold', orderId, String(attempt)).replace(/-/g, '');
}

const iso = (d: Date) => d.toISOString();

/** The keys of movements applied once per cause and SKU (see StockState.applied and the movement ledger). */
export const receiptKey = (receiptId: string) => `receipt:${receiptId}`;
export const returnKey = (returnId: string) => `return:${returnId}`;
export const adjustmentKey = (adjustmentId: string) => `adjust:${adjustmentId}`;
export const returnCommittedKey = (orderId: string) => `uncommit:${orderId}`;

export class Stock {
  private constructor(readonly state: StockState) {}

  static from(state: StockState): Stock {
    return new Stock(state);
  }

  /** A SKU nothing has moved yet. */
  static empty(skuId: string): StockState {
    return {
      _id: skuId,
      onHand: 0,
      reserved: 0,
      available: 0,
      reorderPoint: null,
      reorderQuantity: null,
      holds: {},
      applied: [],
      seq: 0,
      history: [],
    };
  }

  get id(): string {
    return this.state._id;
  }

  /** Goods received from a supplier; null when this (receipt, SKU) was already applied. */
  receive(quantity: number, receipt: { purchaseOrderId: string; receiptId: string }, at: Date): StockChange | null {
    const key = receiptKey(receipt.receiptId);
    if (this.state.applied.includes(key)) return null;
    return this.movement(quantity, key, at, (onHand, available) =>
      domainEvent(
        StockReceived,
        { skuId: this.id, quantity, onHand, available, ...receipt, receivedAt: iso(at) },
        at,
        derivedId(key, this.id, 'StockReceived'),
      ),
    );
  }

  /** Resellable units of a return back on the shelf; null when this (return, SKU) was already applied. */
  restock(quantity: number, ret: { orderId: string; returnId: string }, at: Date): StockChange | null {
    const key = returnKey(ret.returnId);
    if (this.state.applied.includes(key)) return null;
    return this.movement(quantity, key, at, (onHand, available) =>
      domainEvent(
        StockRestocked,
        { skuId: this.id, quantity, onHand, available, ...ret, restockedAt: iso(at) },
        at,
        derivedId(key, this.id, 'StockRestocked'),
      ),
    );
  }

  /**
   * Ops correct on-hand stock. Damage only removes units; nothing may take
   * away units that are reserved (available would go negative: release or
   * commit those orders first).
   */
  adjust(
    input: { adjustmentId: string; kind: AdjustmentKind; quantity: number; reason: string; by: string },
    at: Date,
  ): StockChange | DomainError | null {
    const key = adjustmentKey(input.adjustmentId);
    if (this.state.applied.includes(key)) return null;
    if (!Number.isSafeInteger(input.quantity) || input.quantity === 0)
      return DomainError.invalid('quantity', 'must be a non-zero integer');
    if (input.kind === 'damage' && input.quantity > 0)
      return DomainError.rule('quantity', 'damage removes units: the quantity must be negative');
    if (this.state.available + input.quantity < 0)
      return DomainError.rule(
        'quantity',
        `only ${this.state.available} units are available (${this.state.reserved} are reserved); the adjustment would make available stock negative`,
      );
    const change = this.movement(input.quantity, key, at, (onHand, available) =>
      domainEvent(
        StockAdjusted,
        {
          skuId: this.id,
          adjustmentId: input.adjustmentId,
          kind: input.kind,
          quantity: input.quantity,
          onHand,
          available,
          reason: input.reason,
          by: input.by,
          adjustedAt: iso(at),
        },
        at,
      ),
    );
    change.audit = {
      at,
      action: 'adjusted',
      by: input.by,
      reason: input.reason,
      details: { adjustmentId: input.adjustmentId, kind: input.kind, quantity: input.quantity },
    };
    return change;
  }

  /** Ops set the reorder point and quantity; crossing below it at once raises ReorderPointReached. */
  setReorder(reorderPoint: number, reorderQuantity: number, by: string, at: Date): StockChange | DomainError {
    if (!Number.isSafeInteger(reorderPoint) || reorderPoint < 0)
      return DomainError.invalid('reorderPoint', 'must be a non-negative integer');
    if (!Number.isSafeInteger(reorderQuantity) || reorderQuantity < 1)
      return DomainError.invalid('reorderQuantity', 'must be a positive integer');
    const next = { ...this.state, reorderPoint, reorderQuantity };
    const marker = reorderMarker(next, at);
    return {
      skuId: this.id,
      guard: { seq: this.state.seq },
      inc: { seq: 1 },
      set: { reorderPoint, reorderQuantity, ...marker.set },
      unset: marker.unset,
      audit: { at, action: 'reorder-set', by, details: { reorderPoint, reorderQuantity } },
      events: marker.events,
    };
  }

  /**
   * The reorder marker after a movement that did not know the levels it
   * would leave (a hold): null when the marker already says the right thing.
   */
  reorderCheck(at: Date): StockChange | null {
    const marker = reorderMarker(this.state, at);
    if (!marker.set.belowReorder && marker.unset.length === 0) return null;
    return {
      skuId: this.id,
      guard: { seq: this.state.seq },
      inc: { seq: 1 },
      set: marker.set,
      unset: marker.unset,
      events: marker.events,
    };
  }

  /**
   * Take `quantity` units for an order attempt, only if available, not held yet,
   * and the SKU is on sale: a SKU still in draft (stock bought before its product
   * is published) or retired is never reserved.
   */
  static hold(skuId: string, key: string, quantity: number): StockChange {
    return {
      skuId,
      guard: { available: { $gte: quantity }, [`holds.${key}`]: { $exists: false }, skuStatus: 'active' },
      inc: { reserved: quantity, available: -quantity, seq: 1 },
      set: { [`holds.${key}`]: quantity },
      unset: [],
      events: [],
    };
  }

  /** Give an attempt's held units back to available; misses when the hold is gone already. */
  static releaseHold(skuId: string, key: string, quantity: number): StockChange {
    return {
      skuId,
      guard: { [`holds.${key}`]: quantity },
      inc: { reserved: -quantity, available: quantity, seq: 1 },
      set: {},
      unset: [`holds.${key}`],
      events: [],
    };
  }

  /** Held units leave the warehouse with a paid order: out of reserved and on hand; available unchanged. */
  static commitHold(skuId: string, key: string, quantity: number): StockChange {
    return {
      skuId,
      guard: { [`holds.${key}`]: quantity },
      inc: { reserved: -quantity, onHand: -quantity, seq: 1 },
      set: {},
      unset: [`holds.${key}`],
      events: [],
    };
  }

  /**
   * Committed units of an order cancelled before shipment go back on hand,
   * once per order (the reservation's StockReleased tells the world).
   */
  returnCommitted(orderId: string, quantity: number, at: Date): StockChange | null {
    const key = returnCommittedKey(orderId);
    if (this.state.applied.includes(key)) return null;
    return this.movement(quantity, key, at);
  }

  private movement(
    quantity: number,
    appliedKey: string,
    at: Date,
    event?: (onHand: number, available: number) => DomainEvent,
  ): StockChange {
    const onHand = this.state.onHand + quantity;
    const available = this.state.available + quantity;
    const marker = reorderMarker({ ...this.state, available }, at);
    return {
      skuId: this.id,
      guard: { seq: this.state.seq },
      inc: { onHand: quantity, available: quantity, seq: 1 },
      set: marker.set,
      unset: marker.unset,
      pushApplied: appliedKey,
      events: [...(event ? [event(onHand, available)] : []), ...marker.events],
    };
  }
}

/**
 * Whether a SKU with these levels is below its reorder point, compared with
 * what its marker says: set the marker and raise ReorderPointReached on the
 * way down, clear it on the way up, nothing otherwise.
 */
export function reorderMarker(
  s: Pick<StockState, '_id' | 'available' | 'reorderPoint' | 'reorderQuantity' | 'belowReorder' | 'seq'>,
  at: Date,
): { set: Record<string, unknown>; unset: string[]; events: DomainEvent[] } {
  const below = s.reorderPoint !== null && s.reorderPoint !== undefined && s.available <= s.reorderPoint;
  if (below && !s.belowReorder) {
    return {
      set: { belowReorder: s._id },
      unset: [],
      events: [
        domainEvent(
          ReorderPointReached,
          {
            skuId: s._id,
            available: s.available,
            reorderPoint: s.reorderPoint!,
            suggestedQuantity: Math.max(1, s.reorderQuantity ?? 1),
            reachedAt: iso(at),
          },
          at,
          derivedId('reorder', s._id, String(s.seq)),
        ),
      ],
    };
  }
  if (!below && s.belowReorder) return { set: {}, unset: ['belowReorder'], events: [] };
  return { set: {}, unset: [], events: [] };
}
