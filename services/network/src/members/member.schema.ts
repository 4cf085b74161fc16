import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';

export type MemberKind = 'consumer' | 'operator';
export type MemberStatus = 'active' | 'suspended' | 'terminated';
export type FraudSignal = 'email' | 'phone' | 'payment';

/** The person or legal entity that owns a position (changes only by an approved transfer). */
export interface PositionOwnerRecord {
  partyId: string;
  name: string;
}

/** Hashes (SHA-256 of the normalised value) used to compare registrants with their sponsor. */
export interface Fingerprints {
  email?: string;
  phone?: string;
  payment?: string;
}

/** A registration that matched its sponsor's own identity and waits for ops. */
export interface FraudReview {
  status: 'pending' | 'cleared' | 'confirmed';
  signals: FraudSignal[];
  flaggedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  note?: string;
}

/** One audited change of a position: who, when, why. */
export interface AuditEntry {
  at: Date;
  action:
    | 'registered'
    | 'upgraded'
    | 'status-changed'
    | 'sponsor-changed'
    | 'moved'
    | 'transferred'
    | 'review-decided';
  by: string;
  reason?: string;
  details?: Record<string, unknown>;
}

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
  @Prop({ type: String }) termsVersion?: string;
  @Prop({ type: Date }) upgradedAt?: Date;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: Date, required: true }) joinedAt: Date;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) owner: PositionOwnerRecord;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) fingerprints: Fingerprints;
  @Prop({ type: MongooseSchema.Types.Mixed }) review?: FraudReview;
  /** Why the upline last changed from above (kept so a late registration below can say the same). */
  @Prop({ type: MongooseSchema.Types.Mixed }) lastMove?: {
    cause: 'sponsor-terminated' | 'upline-sponsor-changed';
    causedBy: string;
  };
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) history: AuditEntry[];
}

export type MemberDocument = Member & OutboxFields;

export const MemberSchema = SchemaFactory.createForClass(Member).plugin(outboxPlugin);
MemberSchema.index({ referralCode: 1 }, { unique: true, sparse: true });
// Subtree and downline-by-level queries, paged by _id.
MemberSchema.index({ uplinePath: 1, depth: 1, _id: 1 });
MemberSchema.index({ uplinePath: 1, _id: 1 });
MemberSchema.index({ 'review.status': 1, _id: 1 }, { sparse: true });
