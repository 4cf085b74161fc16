import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** The outcome of ops checking a party's identity (documents, register extract). */
export interface IdentityCheck {
  passed: boolean;
  reference: string;
  by: string;
  at: Date;
}

/**
 * A person or legal entity that can own a position: an heir, a guardian, the
 * company a member's business moves into. A position can pass to a party only
 * after ops recorded a passed identity check.
 */
@Schema({ collection: 'parties', versionKey: false })
export class Party {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true, enum: ['person', 'legal-entity'] }) kind: 'person' | 'legal-entity';
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) identityCheck: IdentityCheck | null;
  @Prop({ type: String, required: true }) createdBy: string;
  @Prop({ type: Date, required: true }) createdAt: Date;
}

export const PartySchema = SchemaFactory.createForClass(Party);
