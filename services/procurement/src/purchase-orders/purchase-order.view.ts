import { ApiProperty } from '@nestjs/swagger';
import { MoneyView, moneyOf } from '../common/money';
import { PURCHASE_ORDER_STATUSES, PurchaseOrderState, PurchaseOrderStatus } from './purchase-order';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export class OrderLineView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity: number;
  @ApiProperty({ type: MoneyView }) unitCost: MoneyView;
  @ApiProperty({ type: MoneyView, description: "The list's first-tier unit cost: the saving is the difference" }) firstTierUnitCost: MoneyView;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null until confirmed' }) confirmedQuantity: number | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) receivedQuantity: number;
}

export class ReceiptLineView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity: number;
  @ApiProperty({ type: MoneyView }) landedUnitCost: MoneyView;
}

export class ReceiptView {
  @ApiProperty({ format: 'uuid' }) receiptId: string;
  @ApiProperty({ type: ReceiptLineView, isArray: true }) lines: ReceiptLineView[];
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class PurchaseOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) runId: string | null;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES }) status: PurchaseOrderStatus;
  @ApiProperty({ type: OrderLineView, isArray: true }) lines: OrderLineView[];
  @ApiProperty({ type: MoneyView }) total: MoneyView;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date-time' }) expectedBy: string;
  @ApiProperty({ type: String, nullable: true }) supplierReference: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveryDate: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: ReceiptView, isArray: true, description: 'Absent from lists' }) receipts: ReceiptView[];
}

export class PurchaseOrderListView {
  @ApiProperty({ type: PurchaseOrderView, isArray: true }) items: PurchaseOrderView[];
}

export function toPurchaseOrderView(s: PurchaseOrderState): PurchaseOrderView {
  const m = (amount: number) => moneyOf(amount, s.currency);
  return {
    id: s._id,
    supplierId: s.supplierId,
    runId: s.runId,
    priceListId: s.priceListId,
    status: s.status,
    lines: s.lines.map((l) => ({
      skuId: l.skuId,
      quantity: l.quantity,
      unitCost: m(l.unitCost),
      firstTierUnitCost: m(l.firstTierUnitCost),
      confirmedQuantity: l.confirmedQuantity,
      receivedQuantity: l.receivedQuantity,
    })),
    total: m(s.total),
    issuedAt: iso(s.issuedAt)!,
    expectedBy: iso(s.expectedBy)!,
    supplierReference: s.supplierReference,
    deliveryDate: iso(s.deliveryDate),
    rejectionReason: s.rejectionReason,
    receipts: (s.receipts ?? []).map((r) => ({
      receiptId: r.receiptId,
      lines: r.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, landedUnitCost: m(l.landedUnitCost) })),
      receivedAt: iso(r.receivedAt)!,
    })),
  };
}
