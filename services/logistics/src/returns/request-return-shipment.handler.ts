import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, PostalAddress, ReturnRequested } from '@netdirect/contracts';
import { CLOCK, Clock, derivedId, OnEvent, PrerequisiteMissing, SERVICE_SETTINGS } from '@netdirect/runtime';
import { LogisticsSettings } from '../logistics.settings';
import { ReadModels } from '../read-models/read-models';
import { AcceptanceDeadlines } from '../shipments/acceptance-deadlines.service';
import { Shipment } from '../shipments/shipment';
import { ShipmentRepository } from '../shipments/shipment.repository';
import { ShipmentRouting } from '../shipments/shipment-routing.service';

/** The id logistics gives the return shipment of a buyer's return. */
export const returnShipmentId = (returnId: string) => derivedId('shipment', 'return', returnId);

/**
 * ReturnRequested → a return shipment: collected at the buyer's address,
 * delivered to the warehouse, routed by the pickup address and handed off
 * like any shipment (ShipmentRequested with `direction: return` and the return id).
 */
@Controller()
export class RequestReturnShipmentHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly routing: ShipmentRouting,
    private readonly read: ReadModels,
    private readonly deadlines: AcceptanceDeadlines,
    @Inject(SERVICE_SETTINGS) private readonly settings: LogisticsSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(ReturnRequested, { reads: ['orderId', 'returnId', 'lines'] })
  async onReturnRequested({ payload }: DecodedEvent<ReturnRequested>): Promise<void> {
    const id = returnShipmentId(payload.returnId);
    const existing = await this.shipments.find(id);
    if (existing) return this.deadlines.watch(existing);
    const order = await this.read.order(payload.orderId);
    if (!order?.shippingAddress) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
    const units = new Map<string, number>();
    for (const l of payload.lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + l.quantity);
    const lines = [...units].map(([skuId, quantity]) => ({ skuId, quantity }));
    const now = this.clock.now();
    const pickup = order.shippingAddress;
    const { decision, parcels, unknownSkus } = await this.routing.assign(id, pickup, 'standard', lines, now);
    if (unknownSkus.length) throw new PrerequisiteMissing(`SKUs ${unknownSkus.join(', ')} not published yet`);
    const created = Shipment.create(
      { id, orderId: payload.orderId, direction: 'return', returnId: payload.returnId, serviceLevel: 'standard', destination: this.warehouse(), pickup, lines },
      decision,
      parcels,
      now,
    );
    await this.shipments.insert(created.state, created.events);
    await this.deadlines.watch(created.state);
  }

  private warehouse(): PostalAddress {
    const s = this.settings;
    return { name: s.LOGISTICS_WAREHOUSE_NAME, lines: [s.LOGISTICS_WAREHOUSE_STREET], city: s.LOGISTICS_WAREHOUSE_CITY, postalCode: s.LOGISTICS_WAREHOUSE_POSTCODE, country: s.LOGISTICS_WAREHOUSE_COUNTRY };
  }
}
