import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { PlanVersion } from './plan';

/**
 * One stored plan version, immutable once stored except for its activation
 * (first period, by whom, when), which is set once by compare-and-set on `seq`.
 * `_id` is `<planId>@<version>`, so two writers cannot store the same version.
 */
export interface PlanVersionState {
  _id: string;
  seq: number;
  planId: string;
  version: number;
  market: string;
  plan: PlanVersion;
  firstPeriodId: string | null;
  activatedBy: string | null;
  activatedAt: Date | null;
}

@Schema({ collection: 'plan_versions', versionKey: false })
export class PlanVersionRecord implements PlanVersionState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: String, required: true }) planId: string;
  @Prop({ type: Number, required: true }) version: number;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) plan: PlanVersion;
  @Prop({ type: String, default: null }) firstPeriodId: string | null;
  @Prop({ type: String, default: null }) activatedBy: string | null;
  @Prop({ type: Date, default: null }) activatedAt: Date | null;
}

export type PlanVersionDocument = PlanVersionState & OutboxFields;

export const PLAN_VERSION_MODEL = 'PlanVersion';

export const PlanVersionSchema = SchemaFactory.createForClass(PlanVersionRecord).plugin(outboxPlugin);
PlanVersionSchema.index({ planId: 1, version: 1 }, { unique: true });
PlanVersionSchema.index({ market: 1, firstPeriodId: 1 });
