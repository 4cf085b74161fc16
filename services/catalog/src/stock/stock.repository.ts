import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, DomainEvent, EventRecorder, isDuplicateKeyError, newWithEvents, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Stock, STOCK_HISTORY_LIMIT, StockChange, StockLevels, StockState } from './stock';
import { STOCK_MOVEMENT_MODEL, StockMovementRecord } from './stock-movement.schema';
import { STOCK_MODEL, StockDocument } from './stock.schema';

const LEVELS = { onHand: 1, reserved: 1, available: 1, reorderPoint: 1, reorderQuantity: 1, belowReorder: 1, seq: 1 };


/**
 * Where stock is kept: reads by `_id` and by the below-reorder marker, and
 * the two ways a stock document changes: {@link apply} (a guarded change with
 * its events in one write) and {@link applyReturning} (the same, answering
 * the levels after it, for holds that did not read first).
 */
@Injectable()
export class StockRepository {
  constructor(
    @InjectModel(STOCK_MODEL) private readonly stock: Model<StockDocument>,
    @InjectModel(STOCK_MOVEMENT_MODEL) private readonly movements: Model<StockMovementRecord>,
    private readonly recorder: EventRecorder,
  ) {}

  get model(): Model<StockDocument> {
    return this.stock;
  }

  async find(skuId: string): Promise<Stock | null> {
    const state = await this.stock.collection.findOne<StockState>({ _id: skuId as never }, { projection: { outbox: 0 } });
    return state ? Stock.from(state) : null;
  }

  async get(skuId: string): Promise<Stock> {
    const stock = await this.find(skuId);
    if (!stock) throw DomainError.notFound(`No stock for SKU ${skuId}`);
    return stock;
  }

  /** The stock of a SKU, created empty if nothing has moved it yet (a receipt or ops may come first). */
  async findOrCreate(skuId: string): Promise<Stock> {
    const found = await this.find(skuId);
    if (found) return found;
    try {
      await this.stock.collection.insertOne(newWithEvents(Stock.empty(skuId), []) as never);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    return this.get(skuId);
  }

  /** SKUs whose available stock is at or below their reorder point, in `_id` order after `after`. */
  async belowReorder(after: string | undefined, limit: number): Promise<{ items: StockState[]; more: boolean }> {
    // A string range matches only documents that carry the marker (MongoDB compares within a type),
    // from the sparse unique index. Not `$regex` beside `$gt`: the embedded store ignores the bound then.
    const filter = { belowReorder: { $gt: after ?? '' } };
    const rows = await this.stock.collection
      .find<StockState>(filter, { projection: { outbox: 0, applied: 0, holds: 0, history: 0 } })
      .sort({ belowReorder: 1 })
      .limit(limit + 1)
      .toArray();
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Apply a change while its guard holds; false when it no longer does (nothing written). */
  async apply(change: StockChange): Promise<boolean> {
    const res = await this.stock.updateOne({ _id: change.skuId, ...change.guard }, this.update(change)).exec();
    return res.matchedCount === 1;
  }

  /** {@link apply}, answering the levels after the change, or null when the guard missed. */
  async applyReturning(change: StockChange): Promise<StockLevels | null> {
    return this.stock.collection.findOneAndUpdate({ _id: change.skuId as never, ...change.guard }, this.update(change), {
      returnDocument: 'after',
      projection: LEVELS,
    }) as Promise<StockLevels | null>;
  }

  /** Whether the ledger holds this keyed movement of the SKU (it was applied and settled). */
  async movementSettled(skuId: string, key: string): Promise<boolean> {
    return (await this.movements.collection.countDocuments({ _id: movementId(skuId, key) as never }, { limit: 1 })) === 1;
  }

  /**
   * A keyed movement that is on the stock document goes to the ledger, then
   * leaves the document's `applied` list. Idempotent; a crash in between
   * leaves the key in both, which is harmless.
   */
  async settleMovement(skuId: string, key: string, quantity: number, at: Date): Promise<void> {
    try {
      await this.movements.collection.updateOne(
        { _id: movementId(skuId, key) as never },
        { $setOnInsert: { skuId, key, quantity, at } },
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    await this.stock.collection.updateOne({ _id: skuId as never, applied: key }, { $pull: { applied: key } } as never);
  }

  /**
   * Record the SKU's status from the catalog's product events: only an active
   * SKU can be reserved, and retirement is final (a late redelivery of the
   * publication does not put a retired SKU back on sale).
   */
  async setSkuStatus(skuId: string, status: 'active' | 'retired'): Promise<void> {
    const notRetired = status === 'active' ? { skuStatus: { $ne: 'retired' } } : {};
    try {
      await this.stock.collection.updateOne(
        { _id: skuId as never, ...notRetired },
        { $set: { skuStatus: status }, $inc: { seq: 1 }, $setOnInsert: withoutStatus(Stock.empty(skuId)) },
        { upsert: true },
      );
    } catch (e) {
      // A retired SKU does not match the active filter, so the upsert collides with it: done.
      if (!isDuplicateKeyError(e)) throw e;
      if (status === 'active' && (await this.find(skuId))?.state.skuStatus === 'retired') return;
      await this.setSkuStatus(skuId, status);
    }
  }

  private update(change: StockChange): Record<string, unknown> {
    const update: Record<string, unknown> = {};
    if (Object.keys(change.inc).length) update.$inc = { ...change.inc };
    if (Object.keys(change.set).length) update.$set = { ...change.set };
    if (change.unset.length) update.$unset = Object.fromEntries(change.unset.map((f) => [f, 1]));
    const push: Record<string, unknown> = {};
    if (change.pushApplied) push.applied = change.pushApplied;
    if (change.audit) push.history = { $each: [change.audit], $slice: -STOCK_HISTORY_LIMIT };
    if (Object.keys(push).length) update.$push = push;
    return withEvents(update, this.record(change.events));
  }

  private record(events: DomainEvent[]): PendingEvent[] {
    return events.map((e) => this.recorder.record(e.contract, e.data, { id: e.id, occurredAt: e.occurredAt }));
  }
}

function withoutStatus(s: StockState): Omit<StockState, 'seq'> & { outbox: []; outboxSeq: 0 } {
  const { seq: _seq, ...rest } = s;
  return { ...rest, outbox: [], outboxSeq: 0 };
}

/**
 * Load a SKU's stock, ask the aggregate, apply by compare-and-set; again on a
 * lost race (holds on a busy SKU move `seq` often), then 409. `decide` returns
 * null when there is nothing to do (an effect already applied).
 */
export async function changeStock(
  repo: StockRepository,
  skuId: string,
  decide: (stock: Stock) => StockChange | DomainError | null,
  { create = false, attempts = 8 } = {},
): Promise<Stock> {
  for (let i = 0; i < attempts; i++) {
    const stock = create ? await repo.findOrCreate(skuId) : await repo.get(skuId);
    const change = decide(stock);
    if (change instanceof DomainError) throw change;
    if (!change || (await repo.apply(change))) return repo.get(skuId);
  }
  throw DomainError.conflict(`The stock of ${skuId} kept changing; try again`);
}

const movementId = (skuId: string, key: string) => `${skuId}|${key}`;

/**
 * {@link changeStock} for a movement keyed by its cause (a receipt, a return,
 * an adjustment, a returned commitment): applied at most once per SKU, however
 * often the cause is redelivered or retried, and concurrently too. The order
 * of the checks is what makes it safe: the stock is read first (its `applied`
 * list holds a key written but not yet settled), the ledger second (a key
 * settled since), and the write is guarded by the `seq` of that read, so a
 * movement that lands in between makes it miss and look again.
 */
export async function moveStockOnce(
  repo: StockRepository,
  skuId: string,
  key: string,
  quantity: number,
  at: Date,
  decide: (stock: Stock) => StockChange | DomainError | null,
  { create = false, attempts = 8 } = {},
): Promise<Stock> {
  for (let i = 0; i < attempts; i++) {
    const stock = create ? await repo.findOrCreate(skuId) : await repo.get(skuId);
    if (stock.state.applied.includes(key) || (await repo.movementSettled(skuId, key))) {
      await repo.settleMovement(skuId, key, quantity, at);
      return stock;
    }
    const change = decide(stock);
    if (change instanceof DomainError) throw change;
    if (change && change.guard.seq === undefined) throw new Error(`a keyed movement of ${skuId} must be guarded by seq`);
    if (!change || (await repo.apply(change))) {
      await repo.settleMovement(skuId, key, quantity, at);
      return repo.get(skuId);
    }
  }
  throw DomainError.conflict(`The stock of ${skuId} kept changing; try again`);
}
