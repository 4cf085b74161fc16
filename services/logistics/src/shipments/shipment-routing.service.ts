import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ProviderRepository } from '../providers/provider.repository';
import { ServiceLevel } from '../providers/provider';
import { ReadModels } from '../read-models/read-models';
import { PackedParcel } from './parcels';
import { route, RoutingDecision } from './routing';

/** Shipments a provider was given on one UTC day (`_id` = `<providerId>:<day>`): its load for routing. */
interface ProviderLoad {
  _id: string;
  shipmentIds: string[];
}

/**
 * Gathers what a routing decision needs (providers, their load today, the
 * units' sizes) and asks the pure {@link route}. The load counts a shipment
 * once however often it is recorded (`$addToSet`).
 */
@Injectable()
export class ShipmentRouting {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly read: ReadModels,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  private get loads() {
    return this.connection.collection<ProviderLoad>('provider_loads');
  }

  async decide(
    to: { country: string; postalCode: string },
    serviceLevel: ServiceLevel,
    lines: { skuId: string; quantity: number }[],
    at: Date,
    exclude: string[] = [],
  ): Promise<{ decision: RoutingDecision; parcels: PackedParcel[] | null; unknownSkus: string[] }> {
    const providers = await this.providers.list();
    const { sizes, unknown } = await this.read.sizes([...new Set(lines.map((l) => l.skuId))]);
    const day = at.toISOString().slice(0, 10);
    const docs = await this.loads.find({ _id: { $in: providers.map((p) => `${p._id}:${day}`) } }).toArray();
    const loads = new Map(docs.map((d) => [d._id.slice(0, d._id.lastIndexOf(':')), d.shipmentIds.length]));
    const { decision, parcels } = route({ ...to, serviceLevel, lines, sizes, exclude }, providers, loads, at);
    return { decision, parcels, unknownSkus: unknown };
  }

  /** Count the shipment in its provider's load today; before the shipment is written, so a crash between never undercounts. */
  async charge(providerId: string, shipmentId: string, at: Date): Promise<void> {
    const day = at.toISOString().slice(0, 10);
    await this.loads.updateOne({ _id: `${providerId}:${day}` }, { $addToSet: { shipmentIds: shipmentId } }, { upsert: true });
  }
}
