import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CLOCK, Clock, SecretBox, SERVICE_CONFIG, SERVICE_SETTINGS, ServiceConfig } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { CommissionSettings, DEV_PAYEE_KEY } from '../commission.settings';
import { PAYEE_MODEL, PayeeDetails, PayeeState } from './payee.schema';

/** Payee details sealed at rest: written by finance or the member, opened only for a payout export. */
@Injectable()
export class PayeesService {
  private readonly box: SecretBox;

  constructor(
    @InjectModel(PAYEE_MODEL) private readonly payees: Model<PayeeState>,
    @Inject(SERVICE_SETTINGS) settings: CommissionSettings,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    if (!settings.COMMISSION_PAYEE_KEY && config.env === 'production') throw new Error('COMMISSION_PAYEE_KEY is required in production');
    this.box = new SecretBox(Buffer.from(settings.COMMISSION_PAYEE_KEY ?? DEV_PAYEE_KEY, 'base64'));
  }

  async put(partyId: string, details: PayeeDetails, by: string): Promise<PayeeState> {
    const state: PayeeState = {
      _id: partyId,
      sealed: this.box.seal(JSON.stringify(details), `payee:${partyId}`),
      accountHint: details.iban.slice(-4),
      updatedBy: by,
      updatedAt: this.clock.now(),
    };
    await this.payees.collection.replaceOne({ _id: partyId as never }, state, { upsert: true });
    return state;
  }

  find(partyId: string): Promise<PayeeState | null> {
    return this.payees.collection.findOne<PayeeState>({ _id: partyId as never });
  }

  /** The opened details of several payees (a payout export). */
  async open(partyIds: string[]): Promise<Map<string, PayeeDetails>> {
    const found = await this.payees.collection.find<PayeeState>({ _id: { $in: partyIds as never[] } }).toArray();
    return new Map(found.map((p) => [p._id, JSON.parse(this.box.open(p.sealed, `payee:${p._id}`)) as PayeeDetails]));
  }
}
