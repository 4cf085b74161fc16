import { Controller } from '@nestjs/common';
import { DecodedEvent, ReorderPointReached, StockReservationRejected } from '@netdirect/contracts';
import { OnEvent } from '@netdirect/runtime';
import { demandKey } from '../demand';
import { DemandSignals } from '../demand-signals.service';

/**
 * The catalog's signals of demand. Each enters one entry keyed by its cause,
 * so a redelivery counts nothing twice:
 *
 * - ReorderPointReached → the reorder quantity, per event;
 * - StockReservationRejected → per short line, the units the order asked for
 *   beyond what was available, once per order and SKU (a retried order
 *   rejected again is the same demand).
 */
@Controller()
export class CatalogDemandHandler {
  constructor(private readonly signals: DemandSignals) {}

  @OnEvent(ReorderPointReached, { reads: ['skuId', 'suggestedQuantity'] })
  async onReorder({ envelope, payload }: DecodedEvent<ReorderPointReached>): Promise<void> {
    await this.signals.add(payload.skuId, demandKey('reorder', envelope.id), { kind: 'reorder', quantity: payload.suggestedQuantity });
  }

  @OnEvent(StockReservationRejected, { reads: ['orderId', 'shortLines'] })
  async onRejected({ payload }: DecodedEvent<StockReservationRejected>): Promise<void> {
    for (const line of payload.shortLines) {
      const short = line.requested - line.available;
      if (short > 0) await this.signals.add(line.skuId, demandKey('unmet', payload.orderId, line.skuId), { kind: 'unmet', quantity: short });
    }
  }
}
