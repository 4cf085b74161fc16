import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { IdentityCheck, PartyKind, PartyState } from './party';

/** How a party (see party.ts) is stored. */
@Schema({ collection: 'parties', versionKey: false })
export class PartyRecord implements PartyState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true, enum: ['person', 'legal-entity'] }) kind: PartyKind;
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) identityCheck: IdentityCheck | null;
  @Prop({ type: String, required: true }) createdBy: string;
  @Prop({ type: Date, required: true }) createdAt: Date;
}

/** The model name; the collection stays `parties`. */
export const PARTY_MODEL = 'Party';

export const PartySchema = SchemaFactory.createForClass(PartyRecord);
