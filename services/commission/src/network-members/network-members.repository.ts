import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { NETWORK_MEMBER_MODEL, NetworkMemberState, PositionOwnership } from './network-member.schema';

/** The network read model: one member per `_id`; reads by `_id` only. */
@Injectable()
export class NetworkMembersRepository {
  constructor(@InjectModel(NETWORK_MEMBER_MODEL) readonly model: Model<NetworkMemberState>) {}

  /** A registration is written once; a redelivered one (maybe after later changes) is ignored. */
  async register(state: NetworkMemberState): Promise<void> {
    try {
      await this.model.collection.insertOne(state as never);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /** Overwrite fields of a known member; false if it is not known yet. */
  async update(memberId: string, set: Partial<NetworkMemberState>): Promise<boolean> {
    const res = await this.model.collection.updateOne({ _id: memberId as never }, { $set: set });
    return res.matchedCount === 1;
  }

  /** Add an owner once (guarded by its transfer id); false if the member is not known yet. */
  async addOwner(memberId: string, owner: PositionOwnership, at: Date): Promise<boolean> {
    const res = await this.model.collection.updateOne(
      { _id: memberId as never, 'owners.transferId': { $ne: owner.transferId } },
      { $push: { owners: owner }, $set: { updatedAt: at } } as never,
    );
    if (res.matchedCount === 1) return true;
    return (await this.find(memberId)) !== null;
  }

  find(memberId: string): Promise<NetworkMemberState | null> {
    return this.model.collection.findOne<NetworkMemberState>({ _id: memberId as never });
  }

  /** Members by id (one `$in` on `_id`). */
  async findMany(ids: Iterable<string>): Promise<Map<string, NetworkMemberState>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const found = await this.model.collection.find<NetworkMemberState>({ _id: { $in: unique as never[] } }).toArray();
    return new Map(found.map((m) => [m._id, m]));
  }

  /** Every member, streamed once (a period close). */
  all(): AsyncIterable<NetworkMemberState> {
    return this.model.collection.find<NetworkMemberState>({});
  }
}
