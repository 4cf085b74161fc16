import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { RankAchieved } from '@netdirect/contracts';
import { derivedId, EventRecorder, newWithEvents, outboxSignals, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import type { MemberStanding } from '../compute/model';
import { STANDING_MODEL, StandingDocument, StandingState } from './period.schema';

const NO_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;
const same = (a: StandingState, b: MemberStanding) =>
  a.pv === b.pv && a.gv === b.gv && a.retailGv === b.retailGv && a.qualified === b.qualified && a.rank === b.rank && a.reasons.join('\n') === b.reasons.join('\n');

/** Members' standings per closed period. A close writes only the standings that differ from what is stored. */
@Injectable()
export class StandingsRepository {
  constructor(
    @InjectModel(STANDING_MODEL) readonly model: Model<StandingDocument>,
    private readonly recorder: EventRecorder,
  ) {}

  static idOf(periodId: string, memberId: string): string {
    return `${periodId}/${memberId}`;
  }

  async ofMembers(periodId: string, memberIds: Iterable<string>): Promise<Map<string, StandingState>> {
    const ids = [...new Set(memberIds)].map((m) => StandingsRepository.idOf(periodId, m));
    if (!ids.length) return new Map();
    const found = await this.model.collection.find<StandingState>({ _id: { $in: ids as never[] } }, { projection: NO_OUTBOX }).toArray();
    return new Map(found.map((s) => [s.memberId, s]));
  }

  /**
   * Store a close's standings: new or changed ones only, each with a
   * RankAchieved when it holds a rank (its id derived from period, member
   * and rank, so a repeated close announces nothing new). Answers how many were written.
   */
  async write(
    periodId: string,
    standings: MemberStanding[],
    plan: { planId: string; version: number },
    previousRank: (memberId: string) => string | null,
    at: Date,
  ): Promise<number> {
    const stored = new Map<string, StandingState>();
    for await (const s of this.model.collection.find<StandingState>({ periodId }, { projection: NO_OUTBOX })) stored.set(s.memberId, s);
    let written = 0;
    const inserts: StandingDocument[] = [];
    for (const s of standings) {
      const old = stored.get(s.memberId);
      if (old && same(old, s)) continue;
      const state: StandingState = { _id: StandingsRepository.idOf(periodId, s.memberId), periodId, memberId: s.memberId, pv: s.pv, gv: s.gv, retailGv: s.retailGv, qualified: s.qualified, rank: s.rank, reasons: s.reasons };
      const events: PendingEvent[] = [];
      if (s.rank && s.rank !== old?.rank)
        events.push(
          this.recorder.record(
            RankAchieved,
            { memberId: s.memberId, periodId, rank: s.rank, previousRank: previousRank(s.memberId), planId: plan.planId, planVersion: plan.version, personalVolume: s.pv, groupVolume: s.gv, achievedAt: at.toISOString() },
            { id: derivedId('rank-achieved', periodId, s.memberId, s.rank), occurredAt: at },
          ),
        );
      if (!old) inserts.push(newWithEvents(state, events) as StandingDocument);
      else {
        const { _id, ...set } = state;
        await this.model.collection.updateOne({ _id: _id as never }, withEvents({ $set: set }, events));
        if (events.length) outboxSignals.emit('recorded', this.model.collection.name, _id);
      }
      written++;
    }
    for (let i = 0; i < inserts.length; i += 1000) {
      const chunk = inserts.slice(i, i + 1000);
      await this.model.collection.insertMany(chunk as never[], { ordered: false });
      // Driver writes skip the outbox plugin's hooks: name each document with events to the relay.
      for (const d of chunk) if (d.outbox.length) outboxSignals.emit('recorded', this.model.collection.name, d._id);
    }
    return written;
  }
}
