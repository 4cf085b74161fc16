import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import { CloseSummary, PERIOD_STATUSES, PeriodState, PeriodStatus } from './period';

@Schema({ collection: 'commission_periods', versionKey: false })
export class PeriodRecord implements PeriodState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: String, required: true, enum: PERIOD_STATUSES }) status: PeriodStatus;
  @Prop({ type: Number, required: true }) closeRuns: number;
  @Prop({ type: MongooseSchema.Types.Mixed }) lastClose?: CloseSummary;
  @Prop({ type: String }) lockedBy?: string;
  @Prop({ type: Date }) lockedAt?: Date;
  @Prop({ type: Number, required: true }) seq: number;
}

export type PeriodDocument = PeriodState & OutboxFields;
export const PERIOD_MODEL = 'CommissionPeriod';
export const PeriodSchema = SchemaFactory.createForClass(PeriodRecord).plugin(outboxPlugin);

/**
 * A member's standing in a closed period (`member_standings`, `_id` =
 * `<periodId>/<memberId>`): what the close computed, and, once, the
 * RankAchieved it announced. Estimates read the last closed period's.
 */
export interface StandingState {
  _id: string;
  periodId: string;
  memberId: string;
  pv: number;
  gv: number;
  retailGv: number;
  qualified: boolean;
  rank: string | null;
  reasons: string[];
}

@Schema({ collection: 'member_standings', versionKey: false, strict: false })
export class StandingRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) periodId: string;
  @Prop({ type: String, required: true }) memberId: string;
}

export type StandingDocument = StandingState & OutboxFields;
export const STANDING_MODEL = 'MemberStanding';
export const StandingSchema = SchemaFactory.createForClass(StandingRecord).plugin(outboxPlugin);
StandingSchema.index({ periodId: 1 });
