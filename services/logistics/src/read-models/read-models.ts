import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { PostalAddress } from '@netdirect/contracts';
import { Connection } from 'mongoose';
import { UnitSize } from '../shipments/parcels';

/** What logistics keeps of an order (from OrderPlaced and OrderPaid), by order id. */
export interface OrderFacts {
  _id: string;
  shippingAddress?: PostalAddress;
  paidAt?: Date;
  cancelledAt?: Date;
}

/** What logistics keeps of a SKU (from ProductPublished and ProductUpdated): one packed unit's weight and size. */
export interface SkuSize {
  _id: string;
  weightGrams?: number;
  lengthMm?: number;
  widthMm?: number;
  heightMm?: number;
}

/**
 * The read models logistics keeps from other services' events, each a set of
 * fields on a document by `_id`: writing the same fields again is harmless,
 * so redelivered events change nothing.
 */
@Injectable()
export class ReadModels {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get orders() {
    return this.connection.collection<OrderFacts>('order_facts');
  }
  private get skus() {
    return this.connection.collection<SkuSize>('sku_sizes');
  }

  async setOrder(orderId: string, fields: Omit<OrderFacts, '_id'>): Promise<void> {
    await this.orders.updateOne({ _id: orderId }, { $set: fields }, { upsert: true });
  }

  order(orderId: string): Promise<OrderFacts | null> {
    return this.orders.findOne({ _id: orderId });
  }

  async setSku(skuId: string, size: Omit<SkuSize, '_id'>): Promise<void> {
    await this.skus.updateOne({ _id: skuId }, { $set: size }, { upsert: true });
  }

  /** The known sizes of these SKUs (only complete ones; a SKU without weight or size cannot be packed). */
  async sizes(skuIds: string[]): Promise<{ sizes: Map<string, UnitSize>; unknown: string[] }> {
    const docs = await this.skus.find({ _id: { $in: skuIds } }).toArray();
    const sizes = new Map<string, UnitSize>();
    for (const d of docs) {
      if (d.weightGrams && d.lengthMm && d.widthMm && d.heightMm)
        sizes.set(d._id, { weightGrams: d.weightGrams, lengthMm: d.lengthMm, widthMm: d.widthMm, heightMm: d.heightMm });
    }
    const seen = new Set(docs.map((d) => d._id));
    return { sizes, unknown: skuIds.filter((id) => !seen.has(id)) };
  }
}
