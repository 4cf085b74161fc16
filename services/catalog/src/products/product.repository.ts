import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Money } from '@netdirect/contracts';
import { DomainError, EventRecorder, newWithEvents, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { DomainEvent, Product, ProductChange, ProductState, SkuState } from './product';
import { PRODUCT_MODEL, ProductDocument, SKU_LOOKUP_MODEL, SkuLookup } from './product.schema';

/** A SKU with the product that holds it. */
export interface FoundSku {
  productId: string;
  sku: SkuState;
  product: ProductState;
}

/** New prices and BV of one SKU, set by compare-and-set on its current prices (see {@link ProductRepository.applySkuPricing}). */
export interface SkuPricingChange {
  productId: string;
  skuId: string;
  /** The SKU's retail and member amounts the new prices were computed from. */
  expected: { retail: number; member: number };
  retailPrice: Money;
  memberPrice: Money;
  bv: number;
  /** True when ops set the prices by hand; the pricing policy sets false. */
  manual: boolean;
  /** Recorded in the same write (e.g. ProductPriceChanged). */
  events: PendingEvent[];
}

/** Compare-and-set attempts when only an unrelated field of the product moved meanwhile. */
const PRICING_ATTEMPTS = 5;

/**
 * Where products are kept, and the SKU lookup beside them.
 *
 * Writes follow one order, so the lookup never misses a SKU a product holds
 * and a crash between the two writes is repaired by the next one:
 *
 * 1. rows for SKUs the change adds are upserted first (status as written
 *    next). A crash here leaves rows for SKUs no product holds yet; their ids
 *    are fresh UUIDs that nothing else knows, and {@link findSku} answers
 *    null for them, as the product is the truth.
 * 2. the product, by compare-and-set on `revision`, with its events.
 * 3. every row of the product gets its status (idempotent `$set`). A crash
 *    before this leaves a stale status; the product's next write rewrites all
 *    its rows, and {@link findSku} rewrites a row it finds out of date.
 */
@Injectable()
export class ProductRepository {
  constructor(
    @InjectModel(PRODUCT_MODEL) private readonly products: Model<ProductDocument>,
    @InjectModel(SKU_LOOKUP_MODEL) private readonly skus: Model<SkuLookup>,
    private readonly recorder: EventRecorder,
  ) {}

  /** The model, for the outbox relay to watch. */
  get model(): Model<ProductDocument> {
    return this.products;
  }

  /** One product by `_id` (a lean read on the driver: the hot path of the mall and of every index refresh). */
  async find(id: string): Promise<Product | null> {
    const state = await this.products.collection.findOne<ProductState>(
      { _id: id as never },
      { projection: { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } },
    );
    return state ? Product.from(state) : null;
  }

  async get(id: string): Promise<Product> {
    const product = await this.find(id);
    if (!product) throw DomainError.notFound(`No product ${id}`);
    return product;
  }

  /** A new draft product; a draft announces nothing, so no events. */
  async insert(state: ProductState): Promise<void> {
    await this.writeLookup(state.skus.map((k) => ({ _id: k.skuId, productId: state._id, status: k.status })));
    await this.products.insertMany([newWithEvents(state, [])], { lean: true });
  }

  /**
   * Apply a change by compare-and-set on the product's revision: its new
   * state and its events in one write. False when the product changed
   * meanwhile; nothing of the product was written.
   */
  async apply(change: ProductChange): Promise<boolean> {
    const { state } = change;
    const added = new Set(change.addedSkuIds ?? []);
    await this.writeLookup(
      state.skus.filter((k) => added.has(k.skuId)).map((k) => ({ _id: k.skuId, productId: state._id, status: k.status })),
    );
    const { _id, revision, ...fields } = state;
    void revision;
    const res = await this.products
      .updateOne(
        { _id, revision: change.expectedRevision },
        withEvents({ $set: { ...fields, revision: change.expectedRevision + 1 } }, this.record(change.events)),
      )
      .exec();
    if (res.matchedCount !== 1) return false;
    await this.syncLookup(state);
    return true;
  }

  /** A SKU by id with its product: one read on the lookup's `_id`, one on the product's. Null if no product holds it. */
  async findSku(skuId: string): Promise<FoundSku | null> {
    const row = await this.skus.collection.findOne<SkuLookup>({ _id: skuId as never });
    if (!row) return null;
    const product = await this.find(row.productId);
    const sku = product?.sku(skuId);
    if (!product || !sku) return null;
    // Read repair: a crash after the product's write left the row's status behind.
    if (row.status !== sku.status) await this.syncLookup(product.state);
    return { productId: product.id, sku, product: product.state };
  }

  /**
   * Set one SKU's prices and BV by compare-and-set on its current retail and
   * member amounts, with the given events (e.g. ProductPriceChanged) recorded
   * in the same write. False if the SKU's prices changed meanwhile (or the
   * product or SKU does not exist). A write that changed only other fields of
   * the product meanwhile does not count: the prices are compared again on a
   * fresh read. A retired SKU is refused (DomainError `rule`).
   */
  async applySkuPricing(change: SkuPricingChange): Promise<boolean> {
    for (let attempt = 0; attempt < PRICING_ATTEMPTS; attempt++) {
      const product = await this.find(change.productId);
      const sku = product?.sku(change.skuId);
      if (!product || !sku) return false;
      if (sku.retailPrice.amount !== change.expected.retail || sku.memberPrice.amount !== change.expected.member)
        return false;
      if (sku.status === 'retired') throw DomainError.rule('skuId', 'a retired SKU cannot be changed');
      const skus = product.state.skus.map((k) =>
        k.skuId === change.skuId
          ? { ...k, retailPrice: change.retailPrice, memberPrice: change.memberPrice, bv: change.bv, manual: change.manual }
          : k,
      );
      const res = await this.products
        .updateOne(
          { _id: product.id, revision: product.state.revision },
          withEvents({ $set: { skus, updatedAt: new Date(), revision: product.state.revision + 1 } }, change.events),
        )
        .exec();
      if (res.matchedCount === 1) return true;
    }
    return false;
  }

  /**
   * Every product, streamed with a projection (the search index loads from it
   * at start). A full pass: on the embedded store any filter but a unique key
   * reads the whole collection anyway, so the caller filters in memory.
   */
  async *all(batchSize = 2000): AsyncIterable<ProductState> {
    const cursor = this.products.collection.find<ProductState>(
      {},
      { projection: { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 }, batchSize },
    );
    try {
      for await (const doc of cursor) yield doc;
    } finally {
      await cursor.close();
    }
  }

  private async writeLookup(rows: SkuLookup[]): Promise<void> {
    if (!rows.length) return;
    await this.skus.collection.bulkWrite(
      rows.map((r) => ({
        updateOne: {
          filter: { _id: r._id as never },
          update: { $set: { productId: r.productId, status: r.status } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  private syncLookup(state: ProductState): Promise<void> {
    return this.writeLookup(state.skus.map((k) => ({ _id: k.skuId, productId: state._id, status: k.status })));
  }

  private record(events: DomainEvent[]): PendingEvent[] {
    return events.map((e) => this.recorder.record(e.contract, e.data, { occurredAt: e.occurredAt }));
  }
}
