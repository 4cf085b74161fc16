import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { PriceListHeader, PriceListItem, PriceListState } from './price-list';
import { decodeOffer, encodeOffer, IndexedOffer, PRICE_LIST_MODEL, SKU_OFFERS_MODEL, SkuOffersRecord } from './price-list.schema';

const HEADER = { _id: 1, supplierId: 1, validFrom: 1, validUntil: 1, publishedAt: 1, indexedAt: 1 } as const;

/** Where price lists and the per-SKU offer index are kept. */
@Injectable()
export class PriceListRepository extends AggregateStore<PriceListState> {
  constructor(
    @InjectModel(PRICE_LIST_MODEL) model: Model<PriceListState>,
    @InjectModel(SKU_OFFERS_MODEL) private readonly offers: Model<SkuOffersRecord>,
    recorder: EventRecorder,
  ) {
    super(model, recorder, 'price list');
  }

  /** Every list's header (no items), optionally of one supplier. */
  headers(supplierId?: string): Promise<PriceListHeader[]> {
    return this.model.collection
      .find<PriceListHeader>(supplierId ? { supplierId } : {}, { projection: HEADER })
      .sort({ publishedAt: 1 })
      .toArray();
  }

  /** Put one list's items into the offer index (idempotent: each is a `$set` under the list's id), then mark it indexed. */
  async index(list: Pick<PriceListState, '_id' | 'supplierId'>, items: PriceListItem[], at: Date): Promise<void> {
    const key = offerKey(list._id);
    for (let i = 0; i < items.length; i += 500) {
      const ops = items.slice(i, i + 500).map((item) => {
        const offer: IndexedOffer = {
          supplierId: list.supplierId,
          priceListId: list._id,
          leadTimeDays: item.leadTimeDays,
          minimumOrderQuantity: item.minimumOrderQuantity,
          packSize: item.packSize,
          tiers: item.tiers,
        };
        return { updateOne: { filter: { _id: item.skuId }, update: { $set: { [`offers.${key}`]: encodeOffer(offer) } }, upsert: true } };
      });
      await this.offers.collection.bulkWrite(ops as never, { ordered: false });
    }
    await this.model.collection.updateOne({ _id: list._id as never, indexedAt: null }, { $set: { indexedAt: at } });
  }

  /** Stream the offer index once (in store order: a sort would make the store hold it all first), offers decoded. */
  async *offerCursor(): AsyncIterable<{ _id: string; offers: IndexedOffer[] }> {
    for await (const doc of this.offers.collection.find<SkuOffersRecord>({}, { batchSize: 1000 }))
      yield { _id: doc._id, offers: Object.values(doc.offers ?? {}).map(decodeOffer) };
  }
}

/** A price list id as a field name (ids are UUIDs; field names may not hold dots). */
export const offerKey = (priceListId: string) => priceListId.replace(/[-.]/g, '');
