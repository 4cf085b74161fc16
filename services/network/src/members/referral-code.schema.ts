import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Referral code → operator. Looking a code up by `_id` is an indexed read on
 * every store (the embedded store uses only unique indexes). A code is
 * claimed here before the member document that carries it is written; a claim
 * whose member write never happened points at a member without that code and
 * is treated as unknown.
 */
@Schema({ collection: 'referral_codes', versionKey: false })
export class ReferralCode {
  /** The code, upper case. */
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) memberId: string;
}

export const ReferralCodeSchema = SchemaFactory.createForClass(ReferralCode);
