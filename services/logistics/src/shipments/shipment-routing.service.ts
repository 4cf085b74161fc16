import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Connection } from 'mongoose';
import { ProviderRepository } from '../providers/provider.repository';
import { ProviderState, ServiceLevel } from '../providers/provider';
import { ReadModels } from '../read-models/read-models';
import { PackedParcel } from './parcels';
import { route, RoutingDecision } from './routing';

/**
 * How many shipments a provider was given on one UTC day (`_id` =
 * `<providerId>:<day>`): its load for routing, a small document that one
 * conditional `$inc` moves.
 */
interface ProviderLoad {
  _id: string;
  count: number;
}

/** That a shipment was counted in a provider's day (`_id` = `<providerId>:<day>:<shipmentId>`), so a retry is not counted again. */
interface LoadCharge {
  _id: string;
}

export interface Assignment {
  decision: RoutingDecision;
  parcels: PackedParcel[] | null;
  /** SKUs whose sizes are not known yet: nothing was decided or charged. */
  unknownSkus: string[];
}

/**
 * Routes a shipment: gathers what a decision needs (providers, their load
 * today, the units' sizes), asks the pure {@link route}, and takes one of
 * the chosen provider's slots today. Taking a slot is a conditional `$inc`
 * on the provider's day document (only while below capacity), so concurrent
 * routings on any number of replicas never give a provider more than its
 * daily capacity: the one that loses the last slot decides again with the
 * fresh loads. A charge marker per shipment keeps a retry from taking a
 * second slot; a crash between the two writes can only overcount.
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

  private get charges() {
    return this.connection.collection<LoadCharge>('provider_load_charges');
  }

  /**
   * Choose a provider for the shipment and charge it a slot today (before
   * the shipment is written, so a crash between never undercounts; a retry
   * for the same shipment is charged once).
   */
  async assign(
    shipmentId: string,
    to: { country: string; postalCode: string },
    serviceLevel: ServiceLevel,
    lines: { skuId: string; quantity: number }[],
    at: Date,
    exclude: string[] = [],
  ): Promise<Assignment> {
    // Each lost slot leaves that provider full, so this ends within one round per provider.
    for (let round = 0; round < 50; round++) {
      const providers = await this.providers.list();
      const assignment = await this.decide(providers, to, serviceLevel, lines, at, exclude);
      const chosen = providers.find((p) => p._id === assignment.decision.providerId);
      if (!chosen || assignment.unknownSkus.length) return assignment;
      if (await this.charge(chosen._id, chosen.dailyCapacity, shipmentId, at)) return assignment;
    }
    throw new Error(`routing shipment ${shipmentId} kept losing providers' last slots`); // retried by the caller's consumer or timer
  }

  private async decide(
    providers: ProviderState[],
    to: { country: string; postalCode: string },
    serviceLevel: ServiceLevel,
    lines: { skuId: string; quantity: number }[],
    at: Date,
    exclude: string[],
  ): Promise<Assignment> {
    const { sizes, unknown } = await this.read.sizes([...new Set(lines.map((l) => l.skuId))]);
    const day = at.toISOString().slice(0, 10);
    const docs = await this.loads.find({ _id: { $in: providers.map((p) => `${p._id}:${day}`) } }).toArray();
    const loads = new Map(docs.map((d) => [d._id.slice(0, d._id.lastIndexOf(':')), d.count]));
    const { decision, parcels } = route({ ...to, serviceLevel, lines, sizes, exclude }, providers, loads, at);
    return { decision, parcels, unknownSkus: unknown };
  }

  /** Take one of the provider's slots today for the shipment (once); false when they are all taken by others. */
  private async charge(providerId: string, capacity: number, shipmentId: string, at: Date): Promise<boolean> {
    const _id = `${providerId}:${at.toISOString().slice(0, 10)}`;
    const marker = `${_id}:${shipmentId}`;
    if (await this.charges.findOne({ _id: marker })) return true;
    for (;;) {
      const taken = await this.loads.updateOne({ _id, count: { $lt: capacity } }, { $inc: { count: 1 } });
      if (taken.matchedCount === 0) {
        if (await this.loads.findOne({ _id })) return false; // full
        try {
          await this.loads.insertOne({ _id, count: 0 });
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e; // another routing made the day's document first
        }
        continue;
      }
      try {
        await this.charges.insertOne({ _id: marker });
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e; // a concurrent retry of the same shipment: counted twice, never under
      }
      return true;
    }
  }
}
