import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { MemberStatus } from '@netdirect/contracts';

/**
 * The orders service's copy of one member as the network's events describe
 * it (`network_members`, `_id` = memberId): enough to price its orders
 * (operator or consumer), to find a referral code's operator (a unique key),
 * and to resolve the seller of a consumer's order (the nearest active
 * operator on its upline path).
 */
export interface NetworkMemberState {
  _id: string;
  kind: 'consumer' | 'operator';
  status: MemberStatus;
  sponsorId: string | null;
  /** Sponsors, nearest first. */
  uplinePath: string[];
  market: string;
  referralCode?: string;
  updatedAt: Date;
}

@Schema({ collection: 'network_members', versionKey: false })
export class NetworkMemberRecord implements NetworkMemberState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) kind: 'consumer' | 'operator';
  @Prop({ type: String, required: true }) status: MemberStatus;
  @Prop({ type: String, default: null }) sponsorId: string | null;
  @Prop({ type: [String], required: true }) uplinePath: string[];
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: String }) referralCode?: string;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export const NETWORK_MEMBER_MODEL = 'NetworkMember';
export const NetworkMemberSchema = SchemaFactory.createForClass(NetworkMemberRecord);
NetworkMemberSchema.index({ referralCode: 1 }, { unique: true, sparse: true });
