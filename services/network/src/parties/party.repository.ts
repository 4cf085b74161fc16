import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Party, PartyChange, PartyState } from './party';
import { PARTY_MODEL } from './party.schema';

/** Where parties are kept. */
@Injectable()
export class PartyRepository {
  constructor(@InjectModel(PARTY_MODEL) private readonly parties: Model<PartyState>) {}

  async find(id: string): Promise<Party | null> {
    const state = await this.parties.findById(id).lean<PartyState>().exec();
    return state ? Party.from(state) : null;
  }

  async get(id: string): Promise<Party> {
    const party = await this.find(id);
    if (!party) throw DomainError.notFound(`No party ${id}`);
    return party;
  }

  async insert(party: Party): Promise<void> {
    await this.parties.create(party.state);
  }

  /** Apply a change; false when there is no such party. */
  async apply(change: PartyChange): Promise<boolean> {
    const res = await this.parties.updateOne({ _id: change.partyId }, { $set: change.set }).exec();
    return res.matchedCount === 1;
  }
}
