import { Controller } from '@nestjs/common';
import { DecodedEvent, PurchaseOrderConfirmed, PurchaseOrderRejected } from '@netdirect/contracts';
import { OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { demandKey } from '../../demand/demand';
import { DemandSignals } from '../../demand/demand-signals.service';
import { PurchaseOrderRepository } from '../purchase-order.repository';

/**
 * PurchaseOrderConfirmed for less, or PurchaseOrderRejected (our own events)
 * → the units the supplier will not deliver go back into demand, once per
 * order and SKU. Driven by the event so a crash after the confirmation
 * still returns the shortfall.
 */
@Controller()
export class SupplierShortfallHandler {
  constructor(
    private readonly orders: PurchaseOrderRepository,
    private readonly signals: DemandSignals,
  ) {}

  @OnEvent(PurchaseOrderConfirmed, { reads: ['purchaseOrderId', 'confirmedLines'] })
  async onConfirmed({ payload }: DecodedEvent<PurchaseOrderConfirmed>): Promise<void> {
    const confirmed = new Map(payload.confirmedLines.map((l) => [l.skuId, l.quantity]));
    await this.shortfall(payload.purchaseOrderId, (skuId) => confirmed.get(skuId) ?? 0);
  }

  @OnEvent(PurchaseOrderRejected, { reads: ['purchaseOrderId'] })
  async onRejected({ payload }: DecodedEvent<PurchaseOrderRejected>): Promise<void> {
    await this.shortfall(payload.purchaseOrderId, () => 0);
  }

  private async shortfall(purchaseOrderId: string, confirmed: (skuId: string) => number): Promise<void> {
    const order = await this.orders.find(purchaseOrderId);
    if (!order) throw new PrerequisiteMissing(`purchase order ${purchaseOrderId} not written yet`);
    for (const l of order.lines) {
      const short = l.quantity - confirmed(l.skuId);
      if (short > 0) await this.signals.add(l.skuId, demandKey('shortfall', purchaseOrderId, l.skuId), { kind: 'shortfall', quantity: short });
    }
  }
}
