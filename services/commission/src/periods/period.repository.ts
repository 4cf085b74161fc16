import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Period, PeriodState } from './period';
import { PERIOD_MODEL, PeriodDocument } from './period.schema';

/** Periods by id; a period with no document is open. */
@Injectable()
export class PeriodRepository extends AggregateStore<PeriodState> {
  constructor(@InjectModel(PERIOD_MODEL) model: Model<PeriodDocument>, recorder: EventRecorder) {
    super(model, recorder, 'period');
  }

  /** The period, or a new open one (not written). */
  async findOrOpen(periodId: string): Promise<PeriodState> {
    return (await this.find(periodId)) ?? Period.opened(periodId);
  }

  /** Make sure the period has a document, so changes can compare-and-set it. */
  async ensure(periodId: string): Promise<void> {
    await this.insert(Period.opened(periodId), []);
  }

  /** The statuses of several periods (absent = open). */
  async statuses(ids: Iterable<string>): Promise<Map<string, PeriodState['status']>> {
    const unique = [...new Set(ids)];
    const found = unique.length ? await this.model.collection.find<PeriodState>({ _id: { $in: unique as never[] } }, { projection: { status: 1 } }).toArray() : [];
    const map = new Map<string, PeriodState['status']>(unique.map((id) => [id, 'open']));
    for (const p of found) map.set(p._id, p.status);
    return map;
  }

  /** The latest closed (or locked) period of a market, if any (the periods collection is small: one document a month). */
  async lastClosed(market: string): Promise<string | null> {
    const found = await this.model.collection
      .find<PeriodState>({ market, status: { $in: ['closed', 'locked'] } }, { projection: { _id: 1 } })
      .toArray();
    return found.map((p) => p._id).sort().pop() ?? null;
  }
}
