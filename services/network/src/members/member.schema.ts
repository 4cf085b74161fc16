import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';

export type MemberKind = 'consumer' | 'operator';
export type MemberStatus = 'active' | 'suspended' | 'terminated';

/**
 * A member of the network. `uplinePath` holds the sponsors nearest first, so
 * the whole upline is one read of one document and a subtree is one indexed
 * query on `uplinePath`.
 */
@Schema({ collection: 'members', versionKey: false })
export class Member {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true, enum: ['consumer', 'operator'] }) kind: MemberKind;
  @Prop({ type: String, required: true, enum: ['active', 'suspended', 'terminated'], default: 'active' })
  status: MemberStatus;
  @Prop({ type: String, default: null }) sponsorId: string | null;
  @Prop({ type: Number, required: true }) depth: number;
  @Prop({ type: [String], required: true }) uplinePath: string[];
  /** Upper-case; operators only. Unique (sparse: consumers have none). */
  @Prop({ type: String }) referralCode?: string;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: Date, required: true }) joinedAt: Date;
}

export type MemberDocument = Member & OutboxFields;

export const MemberSchema = SchemaFactory.createForClass(Member).plugin(outboxPlugin);
MemberSchema.index({ referralCode: 1 }, { unique: true, sparse: true });
MemberSchema.index({ uplinePath: 1 });
