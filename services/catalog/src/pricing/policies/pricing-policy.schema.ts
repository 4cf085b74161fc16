import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PricingTerms } from '../pricing-policy';

/** One stored pricing policy version: immutable once written; `_id` is the version number, 1, 2, 3… */
export interface PricingPolicyVersion extends PricingTerms {
  _id: number;
  createdAt: Date;
  createdBy: string;
}

/**
 * `pricing_policies`: one document per version, never updated. The next
 * version is inserted with `_id` = current + 1, so two ops saving at once
 * cannot both become version n (the unique `_id` refuses the second: 409).
 */
@Schema({ collection: 'pricing_policies', versionKey: false })
export class PricingPolicyRecord implements PricingPolicyVersion {
  @Prop({ type: Number }) _id: number;
  @Prop({ type: Number, required: true }) memberMarkupBps: number;
  @Prop({ type: Number, required: true }) retailMarkupBps: number;
  @Prop({ type: Number, required: true }) bvShareBps: number;
  @Prop({ type: Number, required: true }) minPlatformMarkupBps: number;
  @Prop({ type: Number, required: true }) retailShareBps: number;
  @Prop({ type: Number, required: true }) marginShareBps: number;
  @Prop({ type: Number, required: true }) repricingThresholdBps: number;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: String, required: true }) createdBy: string;
}

export const PRICING_POLICY_MODEL = 'PricingPolicy';
export const PricingPolicySchema = SchemaFactory.createForClass(PricingPolicyRecord);
