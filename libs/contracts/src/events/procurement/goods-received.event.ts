import { IsBoolean } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { GoodsReceiptLine } from './procurement.parts';

/**
 * Goods for a purchase order arrived at the warehouse. A purchase order may be
 * received in several parts: each receipt has its own `receiptId`, and
 * `complete` says whether everything ordered has now arrived.
 *
 * Catalog raises stock on hand by `quantityReceived` (idempotently per
 * receiptId and SKU); finance matches supplier invoices against receipts.
 */
@IntegrationEvent({
  type: 'GoodsReceived',
  version: 1,
  topic: Topics.procurementPurchaseOrders,
  summary: 'Goods for a purchase order were received, fully or in part, with landed unit costs.',
})
export class GoodsReceived {
  @IsId()
  purchaseOrderId: string;

  /** Unique per delivery; consumers derive their effect ids from it. */
  @IsId()
  receiptId: string;

  @IsId()
  supplierId: string;

  @IsNestedArray(() => GoodsReceiptLine)
  lines: GoodsReceiptLine[];

  /** True once every ordered unit has arrived over all receipts. */
  @IsBoolean()
  complete: boolean;

  @IsInstant()
  receivedAt: string;
}
