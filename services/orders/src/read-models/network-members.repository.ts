import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { NETWORK_MEMBER_MODEL, NetworkMemberState } from './network-member.schema';

/** The network read model: one member per `_id`, a referral code as a unique key. */
@Injectable()
export class NetworkMembersRepository {
  constructor(@InjectModel(NETWORK_MEMBER_MODEL) private readonly members: Model<NetworkMemberState>) {}

  /** A registration is written once; a redelivered one (maybe after later changes) is ignored. */
  async register(state: NetworkMemberState): Promise<void> {
    try {
      await this.members.collection.insertOne(state as never);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /** Overwrite fields of a known member; false if it is not known yet. */
  async update(memberId: string, set: Partial<NetworkMemberState>): Promise<boolean> {
    const res = await this.members.collection.updateOne({ _id: memberId as never }, { $set: set });
    return res.matchedCount === 1;
  }

  find(memberId: string): Promise<NetworkMemberState | null> {
    return this.members.collection.findOne<NetworkMemberState>({ _id: memberId as never });
  }

  byReferralCode(code: string): Promise<NetworkMemberState | null> {
    return this.members.collection.findOne<NetworkMemberState>({ referralCode: code });
  }

  /**
   * The seller of a consumer's order: the nearest active operator on its
   * upline path (one read by `_id` per step up; a member not known yet is
   * passed over), or null if there is none.
   */
  async nearestActiveOperator(uplinePath: string[]): Promise<string | null> {
    for (const id of uplinePath) {
      const m = await this.find(id);
      if (m && m.kind === 'operator' && m.status === 'active') return m._id;
    }
    return null;
  }
}
