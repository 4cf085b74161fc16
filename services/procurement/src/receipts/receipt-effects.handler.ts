import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, GoodsReceived } from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent, PrerequisiteMissing, SERVICE_SETTINGS } from '@netdirect/runtime';
import { receiveCost } from '../costs/sku-cost';
import { SkuCostRepository } from '../costs/sku-cost.repository';
import { SupplierInvoice } from '../invoices/supplier-invoice';
import { SupplierInvoiceRepository } from '../invoices/supplier-invoice.repository';
import { ProcurementSettings } from '../procurement.settings';
import { PurchaseOrderRepository } from '../purchase-orders/purchase-order.repository';
import { SavingsRepository } from '../savings/savings.repository';

/**
 * GoodsReceived (our own) → per line, the SKU's landed cost (SkuCostChanged
 * when it moves) and the month's savings record (what the reached tier
 * saved against the first tier on the units received), each once per
 * receipt (the receipt id is recorded in the same write as the effect); then
 * the order's held invoices are matched again, as goods they bill may just
 * have arrived (a repeat finds nothing new to say).
 */
@Controller()
export class ReceiptEffectsHandler {
  constructor(
    private readonly orders: PurchaseOrderRepository,
    private readonly costs: SkuCostRepository,
    private readonly savings: SavingsRepository,
    private readonly invoices: SupplierInvoiceRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(GoodsReceived, { reads: ['purchaseOrderId', 'receiptId', 'supplierId', 'lines', 'receivedAt'] })
  async onReceived({ payload }: DecodedEvent<GoodsReceived>): Promise<void> {
    const order = await this.orders.find(payload.purchaseOrderId);
    if (!order) throw new PrerequisiteMissing(`purchase order ${payload.purchaseOrderId} not written yet`);
    const at = this.clock.now();
    const month = payload.receivedAt.slice(0, 7);
    for (const line of payload.lines) {
      await this.costs.ensure(line.skuId, line.landedUnitCost.currency);
      const receipt = {
        supplierId: payload.supplierId,
        purchaseOrderId: payload.purchaseOrderId,
        receiptId: payload.receiptId,
        landedUnitCost: line.landedUnitCost.amount,
      };
      await this.costs.change(line.skuId, (s) => receiveCost(s, receipt, at));
      const ordered = order.lines.find((l) => l.skuId === line.skuId);
      if (ordered)
        await this.savings.add({
          skuId: line.skuId,
          month,
          currency: order.currency,
          receiptId: payload.receiptId,
          units: line.quantityReceived,
          unitCost: ordered.unitCost,
          firstTierUnitCost: ordered.firstTierUnitCost,
        });
    }
    const received = await this.orders.get(payload.purchaseOrderId);
    const tolerance = this.settings.PROCUREMENT_INVOICE_TOLERANCE_BPS;
    for (const invoice of await this.invoices.heldFor(payload.purchaseOrderId))
      await this.invoices.change(invoice._id, (s) => SupplierInvoice.rematch(s, received, tolerance, at));
  }
}
