import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { outstanding, PurchaseOrderState } from './purchase-order';
import { PURCHASE_ORDER_MODEL } from './purchase-order.schema';

const SUMMARY = { receipts: 0, outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/** Where purchase orders are kept (see {@link Documents}). */
@Injectable()
export class PurchaseOrderRepository extends AggregateStore<PurchaseOrderState> {
  constructor(@InjectModel(PURCHASE_ORDER_MODEL) model: Model<PurchaseOrderState>, recorder: EventRecorder) {
    super(model, recorder, 'purchase order');
  }

  /** Units ordered and not yet received per SKU, from the open orders (read from the sparse `open` index). */
  async onOrder(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const cursor = this.model.collection.find<PurchaseOrderState>({ open: { $regex: '^' } }, { projection: { lines: 1 } });
    for await (const po of cursor) for (const l of po.lines) out.set(l.skuId, (out.get(l.skuId) ?? 0) + outstanding(l));
    return out;
  }

  /** Orders, newest first, of one supplier and/or one run; without receipts. */
  list(filter: { supplierId?: string; runId?: string }, limit: number): Promise<PurchaseOrderState[]> {
    const q: Record<string, unknown> = {};
    if (filter.supplierId) q.supplierId = filter.supplierId;
    if (filter.runId) q.runId = filter.runId;
    return this.model.collection.find<PurchaseOrderState>(q, { projection: SUMMARY }).sort({ issuedAt: -1, _id: 1 }).limit(limit).toArray();
  }
}
