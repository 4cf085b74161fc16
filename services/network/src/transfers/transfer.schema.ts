import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { PositionOwnerRecord } from '../members/member';
import type { TransferReason } from './compliance-profile';
import type { TransferRequester, TransferState, TransferStatus } from './transfer';

/**
 * How a transfer request (see transfer.ts) is stored. `openFor` holds the
 * member id while the request is open; its unique index allows one open
 * request per position.
 */
@Schema({ collection: 'transfers', versionKey: false })
export class TransferRecord implements TransferState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) memberId: string;
  @Prop({ type: String }) openFor?: string;
  @Prop({ type: String, required: true }) reason: TransferReason;
  @Prop({ type: String, required: true }) statement: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) previousOwner: PositionOwnerRecord;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) newOwner: PositionOwnerRecord;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) requestedBy: {
    subject: string;
    as: TransferRequester;
  };
  @Prop({ type: String, required: true, enum: ['requested', 'approved', 'rejected'] }) status: TransferStatus;
  @Prop({ type: Date, required: true }) requestedAt: Date;
  @Prop({ type: String }) decidedBy?: string;
  @Prop({ type: Date }) decidedAt?: Date;
  @Prop({ type: String }) decisionNote?: string;
}

/** The model name; the collection stays `transfers`. */
export const TRANSFER_MODEL = 'Transfer';

export const TransferSchema = SchemaFactory.createForClass(TransferRecord);
TransferSchema.index({ openFor: 1 }, { unique: true, sparse: true });
TransferSchema.index({ memberId: 1 });
