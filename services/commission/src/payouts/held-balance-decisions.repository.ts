import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { HeldBalanceDecisionState } from './held-balance-decision';
import { HELD_BALANCE_DECISION_MODEL } from './held-balance-decision.schema';

/** Held-balance decisions by id, and by member. */
@Injectable()
export class HeldBalanceDecisions extends AggregateStore<HeldBalanceDecisionState> {
  constructor(@InjectModel(HELD_BALANCE_DECISION_MODEL) model: Model<HeldBalanceDecisionState>, recorder: EventRecorder) {
    super(model, recorder, 'held-balance decision');
  }

  /** A member's decisions, oldest first. */
  async ofMember(memberId: string): Promise<HeldBalanceDecisionState[]> {
    const rows = await this.model.collection.find<HeldBalanceDecisionState>({ memberId }).toArray();
    return rows.sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || (a._id < b._id ? -1 : 1));
  }

  /** The entries `release` decisions of these members let through to their payees. */
  async releasedEntryIds(memberIds: string[]): Promise<Set<string>> {
    if (!memberIds.length) return new Set();
    const rows = await this.model.collection.find<HeldBalanceDecisionState>({ memberId: { $in: memberIds }, decision: 'release' }, { projection: { shares: 1 } }).toArray();
    return new Set(rows.flatMap((d) => d.shares.flatMap((s) => s.entryIds)));
  }
}
