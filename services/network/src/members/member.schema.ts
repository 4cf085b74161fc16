import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { Fingerprints } from './fingerprints';
import type {
  AuditEntry,
  FraudReview,
  LastMove,
  MemberKind,
  MemberState,
  MemberStatus,
  PositionOwnerRecord,
} from './member';

/**
 * How a member (see member.ts for the aggregate and its rules) is stored.
 * `uplinePath` holds the sponsors nearest first, so the whole upline is one
 * read of one document and a subtree is one indexed query on `uplinePath`.
 */
@Schema({ collection: 'members', versionKey: false })
export class MemberRecord implements MemberState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true, enum: ['consumer', 'operator'] }) kind: MemberKind;
  @Prop({ type: String, required: true, enum: ['active', 'suspended', 'terminated'], default: 'active' })
  status: MemberStatus;
  @Prop({ type: String, default: null }) sponsorId: string | null;
  @Prop({ type: Number, required: true }) depth: number;
  @Prop({ type: [String], required: true }) uplinePath: string[];
  /** Upper-case; operators only. Unique (sparse: consumers have none). */
  @Prop({ type: String }) referralCode?: string;
  @Prop({ type: String }) termsVersion?: string;
  @Prop({ type: Date }) upgradedAt?: Date;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: Date, required: true }) joinedAt: Date;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) owner: PositionOwnerRecord;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) fingerprints: Fingerprints;
  @Prop({ type: MongooseSchema.Types.Mixed }) review?: FraudReview;
  @Prop({ type: MongooseSchema.Types.Mixed }) lastMove?: LastMove;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) history: AuditEntry[];
}

export type MemberDocument = MemberState & OutboxFields;

/** The model name; the collection stays `members`. */
export const MEMBER_MODEL = 'Member';

export const MemberSchema = SchemaFactory.createForClass(MemberRecord).plugin(outboxPlugin);
MemberSchema.index({ referralCode: 1 }, { unique: true, sparse: true });
// Subtree and downline-by-level queries, paged by _id.
MemberSchema.index({ uplinePath: 1, depth: 1, _id: 1 });
MemberSchema.index({ uplinePath: 1, _id: 1 });
MemberSchema.index({ 'review.status': 1, _id: 1 }, { sparse: true });
