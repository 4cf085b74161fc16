import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { TransferReason } from './compliance-profile';

/**
 * A request to move a member's position to a new owner, decided by ops.
 * `openFor` holds the member id while the request is open; its unique index
 * allows one open request per position.
 */
@Schema({ collection: 'transfers', versionKey: false })
export class Transfer {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) memberId: string;
  @Prop({ type: String }) openFor?: string;
  @Prop({ type: String, required: true }) reason: TransferReason;
  @Prop({ type: String, required: true }) statement: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) previousOwner: {
    partyId: string;
    name: string;
  };
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) newOwner: { partyId: string; name: string };
  /** Who asked: the member, the new owner (an heir) or ops on someone's behalf. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) requestedBy: {
    subject: string;
    as: 'member' | 'new-owner' | 'ops';
  };
  @Prop({ type: String, required: true, enum: ['requested', 'approved', 'rejected'] }) status:
    | 'requested'
    | 'approved'
    | 'rejected';
  @Prop({ type: Date, required: true }) requestedAt: Date;
  @Prop({ type: String }) decidedBy?: string;
  @Prop({ type: Date }) decidedAt?: Date;
  @Prop({ type: String }) decisionNote?: string;
}

export const TransferSchema = SchemaFactory.createForClass(Transfer);
TransferSchema.index({ openFor: 1 }, { unique: true, sparse: true });
TransferSchema.index({ memberId: 1 });
