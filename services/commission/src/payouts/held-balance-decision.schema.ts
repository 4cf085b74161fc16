import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { HELD_BALANCE_DECISIONS, HeldBalanceDecisionKind, HeldBalanceDecisionState, HeldBalanceShare } from './held-balance-decision';

@Schema({ collection: 'held_balance_decisions', versionKey: false })
export class HeldBalanceDecisionRecord implements HeldBalanceDecisionState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: String, required: true }) memberId: string;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: String, required: true, enum: HELD_BALANCE_DECISIONS }) decision: HeldBalanceDecisionKind;
  @Prop({ type: String, required: true }) reason: string;
  @Prop({ type: String, required: true, enum: ['recording', 'recorded'] }) status: 'recording' | 'recorded';
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) shares: HeldBalanceShare[];
  @Prop({ type: Number, required: true }) totalMinor: number;
  @Prop({ type: String, required: true }) periodId: string;
  @Prop({ type: String, required: true }) decidedBy: string;
  @Prop({ type: Date, required: true }) decidedAt: Date;
  @Prop({ type: Date }) recordedAt?: Date;
}

export const HELD_BALANCE_DECISION_MODEL = 'HeldBalanceDecision';
export const HeldBalanceDecisionSchema = SchemaFactory.createForClass(HeldBalanceDecisionRecord);
HeldBalanceDecisionSchema.index({ memberId: 1 });
